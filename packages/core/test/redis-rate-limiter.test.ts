/**
 * RedisRateLimiter against a real redis-server that this file starts on a free port and stops:
 * counts shared between instances of a shop, hashed keys, and what happens when Redis goes away.
 */
import { Redis } from "ioredis"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { LoginWithLinkOptions } from "../src/options.js"
import { RedisRateLimiter } from "../src/redis-rate-limiter.js"
import { createLinkSignIn } from "../src/sign-in.js"
import { startRedis, type RedisServer } from "@login-with-link/test-helpers"
import {
  rejection,
  simulator,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

let server: RedisServer
const clients: Redis[] = []

function connect(port = server.port): Redis {
  // As the adapter's docs advise: no offline queue, so a call fails at once while Redis is away.
  const client = new Redis({
    port,
    host: "127.0.0.1",
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: true,
  })
  client.on("error", () => {}) // reconnection noise while a test stops the server
  clients.push(client)
  return client
}

async function connected(): Promise<Redis> {
  const client = connect()
  await client.connect()
  return client
}

beforeAll(async () => {
  server = await startRedis()
})

afterAll(async () => {
  for (const client of clients) client.disconnect()
  await server?.stop()
})

beforeEach(async () => {
  const admin = await connected()
  await admin.flushall()
})

const rule = { points: 3, windowMs: 60_000 }

describe("RedisRateLimiter", () => {
  it("allows rule.points per window, then refuses with retryAfter", async () => {
    const limiter = new RedisRateLimiter({ storeClient: await connected() })
    for (let i = 0; i < 3; i++)
      expect(await limiter.consume("k", rule)).toEqual({ allowed: true })
    const refused = await limiter.consume("k", rule)
    expect(refused).toMatchObject({ allowed: false })
    if (!refused.allowed) {
      expect(refused.retryAfter).toBeGreaterThanOrEqual(1)
      expect(refused.retryAfter).toBeLessThanOrEqual(60)
    }
    expect(await limiter.consume("other", rule)).toEqual({ allowed: true })
  })

  it("shares one count between instances (two clients, two limiters)", async () => {
    const a = new RedisRateLimiter({ storeClient: await connected() })
    const b = new RedisRateLimiter({ storeClient: await connected() })
    expect((await a.consume("shared", rule)).allowed).toBe(true)
    expect((await b.consume("shared", rule)).allowed).toBe(true)
    expect((await a.consume("shared", rule)).allowed).toBe(true)
    expect((await b.consume("shared", rule)).allowed).toBe(false)
    expect((await a.consume("shared", rule)).allowed).toBe(false)
  })

  it("counts atomically: 100 parallel consumes allow exactly rule.points", async () => {
    const instances = [
      new RedisRateLimiter({ storeClient: await connected() }),
      new RedisRateLimiter({ storeClient: await connected() }),
    ]
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        instances[i % 2]!.consume("burst", { points: 10, windowMs: 60_000 })
      )
    )
    expect(results.filter((r) => r.allowed)).toHaveLength(10)
  })

  it("writes keys under its prefix, with the window in seconds as the TTL", async () => {
    const redis = await connected()
    const limiter = new RedisRateLimiter({
      storeClient: redis,
      keyPrefix: "shop",
    })
    await limiter.consume("link:sendPerEmail:email:abc", rule)
    const keys = await redis.keys("*")
    expect(keys).toEqual(["shop:3/60:link:sendPerEmail:email:abc"])
    const ttl = await redis.pttl(keys[0]!)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it("checks its options", () => {
    expect(() => new RedisRateLimiter({ storeClient: undefined })).toThrow(
      /storeClient/
    )
    expect(
      () => new RedisRateLimiter({ storeClient: {}, keyPrefix: "a b" })
    ).toThrow(/keyPrefix/)
  })
})

describe("the provider on a shared Redis limiter", () => {
  const options = (
    env: ReturnType<typeof simulator>,
    rateLimit: RedisRateLimiter
  ): LoginWithLinkOptions => ({
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: env.fetch,
    rateLimit,
    rateLimits: { attemptPerEmail: { points: 4, windowMs: 600_000 } },
  })

  it("two shop instances share the per-email attempt limit, and Redis sees no email", async () => {
    const env = simulator()
    const redis = await connected()
    const one = createLinkSignIn(
      options(env, new RedisRateLimiter({ storeClient: redis }))
    )
    const two = createLinkSignIn(
      options(env, new RedisRateLimiter({ storeClient: await connected() }))
    )
    const sent = await one.start("jo@example.com")
    if (sent.status !== "code_sent") throw new Error(sent.status)
    const codes: string[] = []
    for (let i = 0; i < 6; i++) {
      const instance = i % 2 === 0 ? one : two
      const error = await rejection(
        instance.finish(sent.challenge, "123 45" + String(i), {
          ip: "203.0.113.1",
        })
      )
      codes.push((error as { code: string }).code)
    }
    // Four attempts reach Link (the code is wrong), the fifth and sixth are cut off by Redis.
    expect(codes).toEqual([
      "invalid_code",
      "invalid_code",
      "invalid_code",
      "invalid_code",
      "rate_limited",
      "rate_limited",
    ])
    expect(env.sim.state.stats.calls.authenticate).toBe(4)
    const keys = await redis.keys("*")
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.join("\n")).not.toMatch(/jo@|example\.com/)
    expect(keys.some((k) => k.includes(":email:"))).toBe(true)
    expect(keys.some((k) => k.includes(":ip:203.0.113.1"))).toBe(true)
  })

  it("two shop instances share the deployment-wide lookup budget, and count IPv6 by /64", async () => {
    const env = simulator()
    const redis = await connected()
    const shared = (rateLimit: RedisRateLimiter) =>
      createLinkSignIn({
        ...options(env, rateLimit),
        rateLimits: { lookupTotal: { points: 6, windowMs: 60_000 } },
      })
    const one = shared(new RedisRateLimiter({ storeClient: redis }))
    const two = shared(new RedisRateLimiter({ storeClient: await connected() }))
    const outcomes: string[] = []
    for (let i = 0; i < 10; i++) {
      const instance = i % 2 === 0 ? one : two
      outcomes.push(
        await instance
          .start(`budget-${i}@example.com`, { ip: `2001:db8:5:6::${i + 1}` })
          .then(
            (outcome) => outcome.status,
            (error: { code: string }) => error.code
          )
      )
    }
    expect(outcomes.filter((s) => s === "signup_required")).toHaveLength(6)
    expect(outcomes.filter((s) => s === "rate_limited")).toHaveLength(4)
    expect(env.sim.state.stats.calls["lookup-email"]).toBe(6)
    const keys = await redis.keys("*")
    expect(
      keys.filter((k) => k.endsWith(":link:lookupTotal:all"))
    ).toHaveLength(1)
    // Ten addresses, one /64: one per-IP key.
    expect(keys.filter((k) => k.includes(":lookupPerIp:"))).toEqual([
      expect.stringMatching(/:link:lookupPerIp:ip:2001:db8:5:6::\/64$/),
    ])
  })
})

describe("when Redis goes away", () => {
  it("with insurance (default), limits in memory and keeps answering", async () => {
    const own = await startRedis()
    const client = connect(own.port)
    await client.connect()
    const limiter = new RedisRateLimiter({ storeClient: client })
    expect((await limiter.consume("k", rule)).allowed).toBe(true)
    await own.stop()
    await new Promise<void>((resolve) => {
      if (client.status !== "ready") return resolve()
      client.once("close", () => resolve())
    })
    const results = []
    for (let i = 0; i < 5; i++) results.push(await limiter.consume("k", rule))
    // The memory insurance counts from zero: 3 allowed, then refused.
    expect(results.map((r) => r.allowed)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ])
  })

  it("without insurance, a store failure is link_unavailable (fail closed), not a crash", async () => {
    const own = await startRedis()
    const client = connect(own.port)
    await client.connect()
    await own.stop()
    await new Promise<void>((resolve) => {
      if (client.status !== "ready") return resolve()
      client.once("close", () => resolve())
    })
    const env = simulator()
    const steps = createLinkSignIn({
      publishableKey: TEST_KEY,
      apiUrl: "http://link.localhost/api",
      secret: TEST_SECRET,
      fetch: env.fetch,
      rateLimit: new RedisRateLimiter({
        storeClient: client,
        insurance: false,
      }),
    })
    const error = await rejection(steps.start("jo@example.com"))
    expect(error).toMatchObject({ code: "link_unavailable" })
    expect(env.calls()).toBe(0)
  })
})
