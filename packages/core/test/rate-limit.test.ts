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

  it("checks maxKeys", () => {
    expect(() => new MemoryRateLimiter({ maxKeys: 0 })).toThrow(TypeError)
  })
})
