/**
 * A real `redis-server` for tests: started on a free 127.0.0.1 port with no persistence, stopped
 * by `stop()`. Debian's binary lives at /usr/bin/redis-server (`.ci/run` installs it).
 */
import { spawn, type ChildProcess } from "node:child_process"
import { createServer } from "node:net"

export const REDIS_SERVER = process.env.REDIS_SERVER ?? "/usr/bin/redis-server"

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface RedisServer {
  port: number
  url: string
  stop(): Promise<void>
}

/** Start `redis-server --port P --save "" --appendonly no` and wait until it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    REDIS_SERVER,
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
    child.once("error", reject)
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited (${code}): ${output}`))
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
