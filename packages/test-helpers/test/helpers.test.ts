import { createServer, Socket } from "node:net"
import { describe, expect, it } from "vitest"
import {
  authorizeOf,
  freePort,
  freePortsSync,
  startRedis,
} from "../src/index.js"

/** Whether a port can be bound on 127.0.0.1 right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

describe("free ports", () => {
  it("freePort gives a port that can be bound", async () => {
    const port = await freePort()
    expect(port).toBeGreaterThan(0)
    expect(await bindable(port)).toBe(true)
  })

  it("freePortsSync gives different ports that can be bound", async () => {
    const ports = freePortsSync(3)
    expect(ports).toHaveLength(3)
    expect(new Set(ports).size).toBe(3)
    for (const port of ports) expect(await bindable(port)).toBe(true)
    expect(() => freePortsSync(0)).toThrow(RangeError)
  })
})

describe("startRedis", () => {
  it("starts a redis-server that answers PING, and stops it", async () => {
    const redis = await startRedis()
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`)
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = new Socket()
        socket.once("error", reject)
        socket.connect(redis.port, "127.0.0.1", () => socket.write("PING\r\n"))
        socket.once("data", (data: Buffer) => {
          socket.destroy()
          resolve(data.toString())
        })
      })
      expect(reply).toBe("+PONG\r\n")
    } finally {
      await redis.stop()
      await redis.stop()
    }
    expect(await bindable(redis.port)).toBe(true)
  })

  it("starts a new one on a given port, where a stopped one was", async () => {
    const first = await startRedis()
    await first.stop()
    const again = await startRedis(first.port)
    try {
      expect(again.url).toBe(first.url)
    } finally {
      await again.stop()
    }
  })
})

describe("authorizeOf", () => {
  it("returns Auth.js's options.authorize, and refuses anything else", async () => {
    const authorize = async (credentials: unknown) => credentials
    expect(authorizeOf({ options: { authorize } })).toBe(authorize)
    expect(() => authorizeOf({})).toThrow(TypeError)
    expect(() => authorizeOf({ options: { authorize: "x" } })).toThrow(
      TypeError
    )
  })
})
