/**
 * The `link-simulator` command: starts the simulator on PORT (0 = any free port) and prints
 * where it listens; Ctrl-C stops it. Every option comes from the environment (see the README).
 * @module
 */
import { runCli } from "./cli-main.js"

try {
  const running = await runCli(process.env, (line) => console.log(line))
  const stop = () => {
    void running.close().then(() => process.exit(0))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
} catch (err) {
  console.error(
    `link-simulator: ${err instanceof Error ? err.message : String(err)}`
  )
  process.exit(1)
}
