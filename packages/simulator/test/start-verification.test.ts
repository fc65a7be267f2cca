import { beforeEach, describe, expect, test } from "vitest"
import { DEFAULTS, MESSAGES } from "../src/index.js"
import {
  LIVE_KEY,
  TEST_KEY,
  errorOf,
  makeSimulator,
  postForm,
  postJson,
  secretFor,
  start,
} from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

describe("POST /api/start_verification", () => {
  test("a code is sent to the person's phone and the redacted number is returned", async () => {
    const secret = await secretFor(sim)
    const res = await start(sim, secret)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      result: "success",
      redacted_phone_number: "+3*********90",
    })
    const [message, ...rest] = sim.state.outbox.list("jo@example.com")
    expect(rest).toEqual([])
    expect(message).toEqual({
      phone: "+353871234590",
      email: "jo@example.com",
      code: expect.stringMatching(/^\d{6}$/),
      sentAt: new Date(sim.state.clock.now()).toISOString(),
    })
  })

  test("the code is stored hashed, never in clear", async () => {
    const secret = await secretFor(sim)
    await start(sim, secret)
    const code = sim.state.outbox.latestCode("jo@example.com") ?? ""
    const session = sim.state.sessions.get(secret)
    expect(session?.code?.hash.length).toBe(32)
    expect(JSON.stringify(session)).not.toContain(code)
  })

  test("form encoding is accepted as well as JSON", async () => {
    const secret = await secretFor(sim)
    const res = await postForm(sim, "/api/start_verification", {
      client_secret: secret,
      email: "jo@example.com",
    })
    expect(res.status).toBe(200)
  })

  test("the email is matched without regard to case or surrounding spaces", async () => {
    const secret = await secretFor(sim)
    expect((await start(sim, secret, " JO@example.COM ")).status).toBe(200)
  })

  test("one console line per send is printed unless quiet", async () => {
    const lines: string[] = []
    const loud = makeSimulator({
      quiet: false,
      log: (line) => lines.push(line),
    })
    const secret = await secretFor(loud)
    await start(loud, secret)
    const code = loud.state.outbox.latestCode("jo@example.com")
    expect(lines).toEqual([
      `[link-simulator] SMS to +3*********90 (jo@example.com): your Link code is ${code}`,
    ])
  })

  test("quiet prints nothing", async () => {
    const lines: string[] = []
    const quiet = makeSimulator({
      quiet: true,
      log: (line) => lines.push(line),
    })
    await start(quiet, await secretFor(quiet))
    expect(lines).toEqual([])
  })

  test("an unknown client_secret is a 401 consumer_session_credentials_invalid", async () => {
    const res = await start(sim, "not-a-real-secret")
    expect(res.status).toBe(401)
    const body = await errorOf(res)
    expect(body.error.code).toBe("consumer_session_credentials_invalid")
    expect(body.errorMessage).toBe(MESSAGES.credentialsInvalid)
  })

  test("a client_secret sent with another email is a 401 consumer_session_credentials_invalid", async () => {
    const secret = await secretFor(sim)
    const res = await start(sim, secret, "sam@example.com")
    expect(res.status).toBe(401)
    expect((await errorOf(res)).error.code).toBe(
      "consumer_session_credentials_invalid"
    )
  })

  test("a client_secret sent with another key is a 401 consumer_session_credentials_invalid", async () => {
    const secret = await secretFor(sim, "jo@example.com", TEST_KEY)
    const res = await start(sim, secret, "jo@example.com", {
      STRIPE_PUBLIC_KEY: LIVE_KEY,
    })
    expect(res.status).toBe(401)
    expect((await errorOf(res)).error.code).toBe(
      "consumer_session_credentials_invalid"
    )
  })

  test("the same key may be sent in the body, the query or a Bearer header", async () => {
    const a = await secretFor(sim)
    expect(
      (await start(sim, a, "jo@example.com", { STRIPE_PUBLIC_KEY: TEST_KEY }))
        .status
    ).toBe(200)
    const b = await secretFor(sim, "sam@example.com")
    const viaQuery = await postJson(
      sim,
      `/api/start_verification?STRIPE_PUBLIC_KEY=${TEST_KEY}`,
      {
        client_secret: b,
        email: "sam@example.com",
      }
    )
    expect(viaQuery.status).toBe(200)
    const c = await secretFor(sim, "alex@example.com")
    const viaBearer = await postJson(
      sim,
      "/api/start_verification",
      { client_secret: c, email: "alex@example.com" },
      { authorization: `Bearer ${TEST_KEY}` }
    )
    expect(viaBearer.status).toBe(200)
  })

  test("an unknown key on a POST is a 401 invalid_public_key", async () => {
    const secret = await secretFor(sim)
    const res = await start(sim, secret, "jo@example.com", {
      STRIPE_PUBLIC_KEY: "pk_live_unknown",
    })
    expect(res.status).toBe(401)
    expect((await errorOf(res)).error.code).toBe("invalid_public_key")
  })

  test("a client_secret past its session lifetime is a 400 consumer_session_expired", async () => {
    const secret = await secretFor(sim)
    sim.state.clock.advance(DEFAULTS.sessionTtlMs)
    const res = await start(sim, secret)
    expect(res.status).toBe(400)
    const body = await errorOf(res)
    expect(body.error.code).toBe("consumer_session_expired")
    expect(body.errorMessage).toBe(MESSAGES.sessionExpired)
  })

  test("a client_secret one millisecond before its session lifetime still works", async () => {
    const secret = await secretFor(sim)
    sim.state.clock.advance(DEFAULTS.sessionTtlMs - 1)
    expect((await start(sim, secret)).status).toBe(200)
  })
})

describe("resend cooldown", () => {
  test("a resend one millisecond before the cooldown ends is a 429 rate_limit with Retry-After", async () => {
    const secret = await secretFor(sim)
    await start(sim, secret)
    sim.state.clock.advance(DEFAULTS.resendCooldownMs - 1)
    const res = await start(sim, secret, "jo@example.com", { resend: true })
    expect(res.status).toBe(429)
    expect(res.headers.get("retry-after")).toBe("1")
    const body = await errorOf(res)
    expect(body.error.code).toBe("rate_limit")
    expect(body.errorMessage).toBe(MESSAGES.resendCooldown)
  })

  test("a resend right after a send says how many seconds to wait", async () => {
    const secret = await secretFor(sim)
    await start(sim, secret)
    const res = await start(sim, secret, "jo@example.com", { resend: true })
    expect(res.headers.get("retry-after")).toBe(
      String(DEFAULTS.resendCooldownMs / 1000)
    )
  })

  test("a resend when the cooldown ends sends a new code and the old one stops working", async () => {
    const secret = await secretFor(sim)
    await start(sim, secret)
    const first = sim.state.outbox.latestCode("jo@example.com")
    sim.state.clock.advance(DEFAULTS.resendCooldownMs)
    const res = await postForm(sim, "/api/start_verification", {
      client_secret: secret,
      email: "jo@example.com",
      resend: "true",
    })
    expect(res.status).toBe(200)
    expect(sim.state.outbox.list("jo@example.com")).toHaveLength(2)
    const second = sim.state.outbox.latestCode("jo@example.com") ?? ""
    if (first !== second) {
      const old = await postJson(sim, "/api/authenticate", {
        client_secret: secret,
        email: "jo@example.com",
        code: first,
      })
      expect(old.status).toBe(400)
    }
    const now = await postJson(sim, "/api/authenticate", {
      client_secret: secret,
      email: "jo@example.com",
      code: second,
    })
    expect(now.status).toBe(200)
  })

  test("the cooldown is per client_secret: a new lookup may send at once", async () => {
    await start(sim, await secretFor(sim))
    expect((await start(sim, await secretFor(sim))).status).toBe(200)
  })

  test("a configured cooldown is used", async () => {
    const fast = makeSimulator({ resendCooldownMs: 5000 })
    const secret = await secretFor(fast)
    await start(fast, secret)
    fast.state.clock.advance(4999)
    expect((await start(fast, secret)).status).toBe(429)
    fast.state.clock.advance(1)
    expect((await start(fast, secret)).status).toBe(200)
  })
})

describe("hourly send cap", () => {
  async function sendTimes(n: number): Promise<Response> {
    let res: Response | undefined
    for (let i = 0; i < n; i++) {
      res = await start(sim, await secretFor(sim))
      sim.state.clock.advance(1000)
    }
    if (!res) throw new Error("no send")
    return res
  }

  test("the fifth send within an hour is allowed", async () => {
    expect((await sendTimes(DEFAULTS.maxSendsPerHour)).status).toBe(200)
  })

  test("the sixth send within an hour is a 429 consumer_verification_max_attempts_exceeded with Retry-After", async () => {
    await sendTimes(DEFAULTS.maxSendsPerHour)
    const res = await start(sim, await secretFor(sim))
    expect(res.status).toBe(429)
    const body = await errorOf(res)
    expect(body.error.code).toBe("consumer_verification_max_attempts_exceeded")
    expect(body.errorMessage).toBe(MESSAGES.maxSends)
    // The first send was 5 s ago (5 sends, 1 s apart): it leaves the hour in 3595 s.
    expect(res.headers.get("retry-after")).toBe("3595")
  })

  test("a send is allowed again once the oldest send is an hour old", async () => {
    await sendTimes(DEFAULTS.maxSendsPerHour)
    sim.state.clock.advance(3_600_000 - 5000 - 1)
    expect((await start(sim, await secretFor(sim))).status).toBe(429)
    sim.state.clock.advance(1)
    expect((await start(sim, await secretFor(sim))).status).toBe(200)
  })

  test("the cap counts per person", async () => {
    await sendTimes(DEFAULTS.maxSendsPerHour)
    expect(
      (
        await start(
          sim,
          await secretFor(sim, "sam@example.com"),
          "sam@example.com"
        )
      ).status
    ).toBe(200)
  })
})
