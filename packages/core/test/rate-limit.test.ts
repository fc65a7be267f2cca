import { describe, expect, it } from "vitest"
import { MemoryRateLimiter } from "../src/rate-limit.js"

function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

const rule = { points: 3, windowMs: 60_000 }

describe("MemoryRateLimiter", () => {
  it("allows points per window, then refuses with retryAfter", async () => {
    const time = clock(0)
    const limiter = new MemoryRateLimiter({ now: time.now })
    for (let i = 0; i < 3; i++)
      expect(await limiter.consume("k", rule)).toEqual({ allowed: true })
    const refused = await limiter.consume("k", rule)
    expect(refused.allowed).toBe(false)
    if (!refused.allowed) {
      expect(refused.retryAfter).toBeGreaterThanOrEqual(1)
      expect(refused.retryAfter).toBeLessThanOrEqual(120)
    }
  })

  it("keeps keys apart", async () => {
    const limiter = new MemoryRateLimiter({ now: clock().now })
    for (let i = 0; i < 3; i++) await limiter.consume("a", rule)
    expect((await limiter.consume("a", rule)).allowed).toBe(false)
    expect((await limiter.consume("b", rule)).allowed).toBe(true)
  })

  it("slides: the previous window still counts, in proportion, then not at all", async () => {
    const time = clock(0)
    const limiter = new MemoryRateLimiter({ now: time.now })
    for (let i = 0; i < 3; i++) await limiter.consume("k", rule)
    time.advance(60_000) // start of the next window: the previous 3 still weigh 3
    expect((await limiter.consume("k", rule)).allowed).toBe(false)
    time.advance(30_000) // halfway: they weigh 1.5, room for one more
    expect((await limiter.consume("k", rule)).allowed).toBe(true)
    expect((await limiter.consume("k", rule)).allowed).toBe(false)
    time.advance(120_000) // two windows later: all forgotten
    for (let i = 0; i < 3; i++)
      expect((await limiter.consume("k", rule)).allowed).toBe(true)
  })

  it("a refused consume does not count, and retryAfter is when one point frees up", async () => {
    const time = clock(0)
    const limiter = new MemoryRateLimiter({ now: time.now })
    for (let i = 0; i < 3; i++) await limiter.consume("k", rule)
    const refused = await limiter.consume("k", rule)
    if (refused.allowed) throw new Error("expected a refusal")
    time.advance(refused.retryAfter * 1000)
    expect((await limiter.consume("k", rule)).allowed).toBe(true)
  })

  it("holds at most maxKeys keys, dropping the least recently used", async () => {
    const limiter = new MemoryRateLimiter({ maxKeys: 100, now: clock().now })
    for (let i = 0; i < 1000; i++) await limiter.consume(`key-${i}`, rule)
    expect(limiter.size).toBe(100)
    for (let i = 0; i < 3; i++) await limiter.consume("hot", rule)
    for (let i = 0; i < 99; i++) await limiter.consume(`cold-${i}`, rule)
    expect((await limiter.consume("hot", rule)).allowed).toBe(false)
  })

  it("never drops a key over its limit: 10,000 fresh keys do not lift a lock (issue 11, item 7)", async () => {
    const time = clock(0)
    const limiter = new MemoryRateLimiter({ now: time.now }) // default maxKeys: 10,000
    const attempts = { points: 10, windowMs: 600_000 }
    for (let i = 0; i < 10; i++) await limiter.consume("victim", attempts)
    expect((await limiter.consume("victim", attempts)).allowed).toBe(false)
    const lookups = { points: 10, windowMs: 600_000 }
    for (let i = 0; i < 10_000; i++) {
      time.advance(10)
      await limiter.consume(`fresh-${i}`, lookups)
    }
    expect(limiter.size).toBeLessThanOrEqual(10_000)
    const after = []
    for (let i = 0; i < 5; i++)
      after.push((await limiter.consume("victim", attempts)).allowed)
    expect(after).toEqual([false, false, false, false, false])
  })

  it("drops expired keys before any live one", async () => {
    const time = clock(0)
    const limiter = new MemoryRateLimiter({ maxKeys: 2, now: time.now })
    const hourly = { points: 3, windowMs: 3_600_000 }
    const minutely = { points: 3, windowMs: 60_000 }
    await limiter.consume("hourly", hourly) // the least recently used
    await limiter.consume("minutely", minutely)
    time.advance(120_000) // "minutely" has expired, "hourly" still counts 1
    await limiter.consume("newcomer", minutely)
    const left = []
    for (let i = 0; i < 3; i++)
      left.push((await limiter.consume("hourly", hourly)).allowed)
    expect(left).toEqual([true, true, false])
  })

  it("keeps a count close to its limit while fresh keys churn (the least used go first)", async () => {
    const time = clock(0)
    const limiter = new MemoryRateLimiter({ maxKeys: 100, now: time.now })
    const rule10 = { points: 10, windowMs: 600_000 }
    for (let i = 0; i < 9; i++) await limiter.consume("victim", rule10)
    for (let i = 0; i < 1000; i++) await limiter.consume(`fresh-${i}`, rule10)
    expect(limiter.size).toBe(100)
    expect((await limiter.consume("victim", rule10)).allowed).toBe(true)
    expect((await limiter.consume("victim", rule10)).allowed).toBe(false)
  })

  it("with every key over its limit, refuses a new key (fail closed) until a window ends", async () => {
    const time = clock(0)
    const limiter = new MemoryRateLimiter({ maxKeys: 2, now: time.now })
    const once = { points: 1, windowMs: 60_000 }
    for (let i = 0; i < 20; i++)
      expect((await limiter.consume(`locked-${i}`, once)).allowed).toBe(true)
    expect(limiter.size).toBe(20) // ten times maxKeys: every one of them is a lock
    const refused = await limiter.consume("newcomer", once)
    expect(refused.allowed).toBe(false)
    if (!refused.allowed) expect(refused.retryAfter).toBe(120)
    for (let i = 0; i < 20; i++)
      expect((await limiter.consume(`locked-${i}`, once)).allowed).toBe(false)
    time.advance(120_000)
    expect((await limiter.consume("newcomer", once)).allowed).toBe(true)
    expect(limiter.size).toBe(1)
  })

  it("checks maxKeys", () => {
    expect(() => new MemoryRateLimiter({ maxKeys: 0 })).toThrow(TypeError)
  })
})
