import { describe, expect, test } from "vitest"
import { MESSAGES } from "../src/index.js"
import {
  BASE,
  LIVE_KEY,
  TEST_KEY,
  errorOf,
  lookup,
  makeSimulator,
  secretFor,
  start,
} from "./utils.js"

function fromIp(
  sim: ReturnType<typeof makeSimulator>,
  ip: string,
  key = TEST_KEY
) {
  return sim.fetch(
    new Request(
      `${BASE}/api/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=${key}`,
      {
        headers: { "x-forwarded-for": `${ip}, 10.0.0.1` },
      }
    )
  )
}

describe("request budget per key", () => {
  test("the last request within the budget is answered", async () => {
    const sim = makeSimulator({ requestsPerMinutePerKey: 3 })
    for (let i = 0; i < 2; i++) await lookup(sim, "jo@example.com")
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })

  test("one request over the budget is a 429 rate_limit with Retry-After until the minute ends", async () => {
    const sim = makeSimulator({ requestsPerMinutePerKey: 3 })
    for (let i = 0; i < 3; i++) await lookup(sim, "jo@example.com")
    sim.state.clock.advance(15_000)
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(429)
    expect(res.headers.get("retry-after")).toBe("45")
    const body = await errorOf(res)
    expect(body.error).toEqual({
      type: "rate_limit_error",
      code: "rate_limit",
      message: MESSAGES.rateLimit,
    })
  })

  test("the budget refills when the next minute starts", async () => {
    const sim = makeSimulator({ requestsPerMinutePerKey: 1 })
    await lookup(sim, "jo@example.com")
    sim.state.clock.advance(59_999)
    expect((await lookup(sim, "jo@example.com")).status).toBe(429)
    sim.state.clock.advance(1)
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })

  test("each key has its own budget", async () => {
    const sim = makeSimulator({ requestsPerMinutePerKey: 1 })
    await lookup(sim, "jo@example.com", TEST_KEY)
    expect((await lookup(sim, "jo@example.com", LIVE_KEY)).status).toBe(200)
  })

  test("POSTs count against the key of their client_secret", async () => {
    const sim = makeSimulator({ requestsPerMinutePerKey: 2 })
    const secret = await secretFor(sim)
    expect((await start(sim, secret)).status).toBe(200)
    const res = await start(sim, secret)
    expect(res.status).toBe(429)
    expect((await errorOf(res)).errorMessage).toBe(MESSAGES.rateLimit)
  })
})

describe("request budget per client IP", () => {
  test("one request over the budget from one IP is a 429 rate_limit with Retry-After", async () => {
    const sim = makeSimulator({ requestsPerMinutePerIp: 2, trustProxy: true })
    expect((await fromIp(sim, "203.0.113.7")).status).toBe(200)
    expect((await fromIp(sim, "203.0.113.7")).status).toBe(200)
    const res = await fromIp(sim, "203.0.113.7")
    expect(res.status).toBe(429)
    expect(res.headers.get("retry-after")).toBe("60")
    expect((await errorOf(res)).error.code).toBe("rate_limit")
  })

  test("another IP is not limited by the first one's budget", async () => {
    const sim = makeSimulator({ requestsPerMinutePerIp: 1, trustProxy: true })
    await fromIp(sim, "203.0.113.7")
    expect((await fromIp(sim, "203.0.113.8")).status).toBe(200)
  })

  test("X-Forwarded-For is ignored unless trustProxy is on", async () => {
    const sim = makeSimulator({ requestsPerMinutePerIp: 1 })
    await fromIp(sim, "203.0.113.7")
    expect((await fromIp(sim, "203.0.113.8")).status).toBe(429)
  })

  test("the IP budget applies before parameters are checked", async () => {
    const sim = makeSimulator({ requestsPerMinutePerIp: 1 })
    await sim.fetch(new Request(`${BASE}/api/lookup-email`))
    const res = await sim.fetch(new Request(`${BASE}/api/lookup-email`))
    expect(res.status).toBe(429)
  })

  test("a rate-limited authenticate also says authenticationSuccessful false", async () => {
    const sim = makeSimulator({ requestsPerMinutePerIp: 1 })
    await lookup(sim, "jo@example.com")
    const res = await sim.fetch(
      new Request(`${BASE}/api/authenticate`, { method: "POST" })
    )
    expect((await errorOf(res)).authenticationSuccessful).toBe(false)
  })
})

describe("default budgets", () => {
  test("the defaults allow 300 lookups in a minute from one IP and key", async () => {
    const sim = makeSimulator()
    const statuses = await Promise.all(
      Array.from({ length: 300 }, () =>
        lookup(sim, "jo@example.com").then((r) => r.status)
      )
    )
    expect(new Set(statuses)).toEqual(new Set([200]))
  })
})
