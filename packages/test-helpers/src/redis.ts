/**
 * A real `redis-server` for tests: started on a free 127.0.0.1 port with no persistence, ready
 * when it says it accepts connections, stopped by `stop()`. The binary is `REDIS_SERVER`, else
 * `redis-server` on the PATH (Debian's package; `.ci/run` installs it).
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process"
import { freePort } from "./ports.js"

/** A running `redis-server`. */
export interface RedisServer {
  port: number
  /** `redis://127.0.0.1:<port>` */
  url: string
  /** Stop it (SIGTERM) and wait for it to exit. Safe to call more than once. */
  stop(): Promise<void>
}

/**
 * Start `redis-server --port P --save "" --appendonly no` and wait until it accepts connections.
 * P is a free port, or `port`: to start a new, empty one where a stopped one was (clients that
 * reconnect by URL find it).
 */
export async function startRedis(port?: number): Promise<RedisServer> {
  port ??= await freePort()
  const binary = process.env.REDIS_SERVER ?? "redis-server"
  const child: ChildProcess = spawn(
    binary,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  let output = ""
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData)
        resolve()
      }
    }
    child.stdout?.on("data", onData)
    child.once("error", (error) =>
      reject(
        new Error(`could not start ${binary} (is it installed?)`, {
          cause: error,
        })
      )
    )
    child.once("exit", (code) =>
      reject(new Error(`${binary} exited (${code}): ${output}`))
    )
  })
  child.stdout?.resume()
  child.stderr?.resume()
  let stopped: Promise<void> | undefined
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null)
          return resolve()
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      })
      return stopped
    },
  }
}
