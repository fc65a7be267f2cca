/** Starts a throwaway redis-server on a free port (no persistence) and stops it. */
import { spawn, type ChildProcess } from "node:child_process"
import { once } from "node:events"
import { createServer } from "node:net"
import { Redis } from "ioredis"

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const address = server.address()
  server.close()
  await once(server, "close")
  if (!address || typeof address === "string") throw new Error("no port")
  return address.port
}

export interface RedisServer {
  url: string
  client(): Redis
  stop(): Promise<void>
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.env.REDIS_SERVER ?? "redis-server",
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
    { stdio: "ignore" }
  )
  const exited = once(child, "exit")
  const clients: Redis[] = []
  const url = `redis://127.0.0.1:${port}`
  const client = () => {
    const redis = new Redis(url, {
      maxRetriesPerRequest: 50,
      lazyConnect: false,
    })
    // Connection errors before the server listens are retried; commands still reject on failure.
    redis.on("error", () => undefined)
    clients.push(redis)
    return redis
  }
  // ioredis queues commands and retries the connection until the server listens.
  const probe = client()
  await Promise.race([
    probe.ping(),
    exited.then(() => {
      throw new Error("redis-server exited on start (is it installed?)")
    }),
  ])
  return {
    url,
    client,
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => undefined)))
      child.kill("SIGTERM")
      await exited
    },
  }
}
