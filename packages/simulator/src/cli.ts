/**
 * The `link-simulator` command: starts the simulator on PORT (0 = any free port) and prints
 * where it listens. Every option comes from the environment (see the README).
 * @module
 */
import { startSimulator } from "./server.js"

function port(value: string | undefined): number {
  if (value === undefined || value === "") return 4010
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new TypeError(`PORT must be 0-65535, got ${JSON.stringify(value)}`)
  return n
}

async function main(): Promise<void> {
  const running = await startSimulator({
    port: port(process.env.PORT),
    hostname: process.env.HOST || "127.0.0.1",
  })
  const { config } = running.simulator
  console.log(`Link simulator listening on ${running.url}`)
  console.log(`  API URL (AUTH_LINK_API_URL): ${running.apiUrl}`)
  if (config.devPages)
    console.log(`  Outbox (codes "sent" by SMS): ${running.url}/__dev`)
  console.log(
    `  Control API: ${config.control ? `${running.url}/__control` : "off (LINK_SIM_CONTROL=0)"}`
  )
  console.log(
    `  People on Link: ${running.simulator.state.people
      .list()
      .map((p) => p.email)
      .join(", ")}`
  )
  const stop = () => {
    void running.close().then(() => process.exit(0))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

main().catch((err: unknown) => {
  console.error(
    `link-simulator: ${err instanceof Error ? err.message : String(err)}`
  )
  process.exit(1)
})
