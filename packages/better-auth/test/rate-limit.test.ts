/**
 * Limits: better-auth's own per-IP, per-route rules on `/sign-in/link/*` (when its limiter is on),
 * and the core's per-email limits shared through better-auth's secondary storage.
 */
import type { RunningSimulator } from "@login-with-link/simulator"
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import { DEFAULT_ROUTE_RATE_LIMITS } from "../src/index.js"
import { app, control, json, post, simulator } from "./harness.js"
import { memoryStorage } from "./memory-storage.js"

let link: RunningSimulator
let sim: ReturnType<typeof control>
beforeAll(async () => {
  link = await simulator()
  sim = control(link)
})
afterAll(() => link.close())
beforeEach(() => sim.reset())

it("better-auth's limiter applies the plugin's rules per IP and route, before Link is called", async () => {
  const { auth } = app(
    link,
    { routeRateLimits: { start: { window: 60, max: 3 } } },
    {
      rateLimit: { enabled: true, storage: "memory" },
      advanced: { ipAddress: { ipAddressHeaders: ["x-client-ip"] } },
    }
  )
  const start = (ip: string, i: number) =>
    post(
      auth,
      "/sign-in/link/start",
      { email: `p${i}@example.com` },
      { "x-client-ip": ip }
    )
  for (let i = 0; i < 3; i += 1) {
    expect((await start("192.0.2.10", i)).status).toBe(200)
  }
  const calls = await sim.calls()
  const limited = await start("192.0.2.10", 3)
  expect(limited.status).toBe(429)
  expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0)
  expect(await sim.calls()).toBe(calls)
  // Another IP, and another route, have their own budgets.
  expect((await start("192.0.2.11", 4)).status).toBe(200)
  const verify = await post(
    auth,
    "/sign-in/link/verify",
    { challenge: "x", code: "123456" },
    { "x-client-ip": "192.0.2.10" }
  )
  expect(verify.status).toBe(401)
})

it("the default rules are looser than better-auth's 3 per 10 s on /sign-in", async () => {
  expect(DEFAULT_ROUTE_RATE_LIMITS).toEqual({
    start: { window: 60, max: 10 },
    resend: { window: 60, max: 5 },
    verify: { window: 60, max: 10 },
    form: { window: 60, max: 20 },
  })
  const { auth } = app(
    link,
    {},
    {
      rateLimit: { enabled: true, storage: "memory" },
      advanced: { ipAddress: { ipAddressHeaders: ["x-client-ip"] } },
    }
  )
  for (let i = 0; i < 10; i += 1) {
    const response = await post(
      auth,
      "/sign-in/link/start",
      { email: `q${i}@example.com` },
      { "x-client-ip": "192.0.2.20" }
    )
    expect(response.status).toBe(200)
  }
  const eleventh = await post(
    auth,
    "/sign-in/link/start",
    { email: "q10@example.com" },
    { "x-client-ip": "192.0.2.20" }
  )
  expect(eleventh.status).toBe(429)
})

it("with secondary storage, the core's per-email limit is shared by every instance of the app", async () => {
  const storage = memoryStorage()
  const limits = {
    rateLimit: undefined,
    rateLimits: { lookupPerEmail: { points: 2, windowMs: 60_000 } },
  }
  const one = app(link, limits, { secondaryStorage: storage })
  const two = app(link, limits, { secondaryStorage: storage })
  const start = (instance: typeof one) =>
    post(instance.auth, "/sign-in/link/start", { email: "new@example.com" })
  expect((await start(one)).status).toBe(200)
  expect((await start(two)).status).toBe(200)
  const third = await start(one)
  expect(third.status).toBe(429)
  expect(await json(third)).toMatchObject({
    code: "RATE_LIMITED",
    retryAfter: 60,
  })
  expect(third.headers.get("retry-after")).toBe("60")
})

it("with secondary storage, a conceal-mode decoy locks after Link's count across every instance", async () => {
  const storage = memoryStorage()
  const plugin = {
    rateLimit: undefined,
    unknownEmail: "conceal",
    concealSecret: "conceal-secret-0123456789-never-rotated",
    concealMinDuration: 0,
  } as const
  const one = app(link, plugin, { secondaryStorage: storage })
  const two = app(link, plugin, { secondaryStorage: storage })
  const started = await json(
    await post(one.auth, "/sign-in/link/start", { email: "new@example.com" })
  )
  expect(started.status).toBe("code_sent")
  const codes: unknown[] = []
  for (let i = 0; i < 6; i += 1) {
    const response = await post(
      (i % 2 ? one : two).auth,
      "/sign-in/link/verify",
      { challenge: started.challenge, code: "123456" }
    )
    codes.push((await json(response)).code)
  }
  expect(codes).toEqual([
    ...Array.from({ length: 5 }, () => "INVALID_CODE"),
    "TOO_MANY_ATTEMPTS",
  ])
})
