/**
 * Every step through `auth.handler`, against the simulator on a port: start (code sent, sign-up
 * required), resend, verify (session cookie, user), and every error code with its status.
 */
import type { RunningSimulator } from "@login-with-link/simulator"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import {
  LOGIN_WITH_LINK_ERROR_CODES,
  LOGIN_WITH_LINK_ERROR_STATUS,
  type LoginWithLinkErrorCode,
} from "../src/index.js"
import {
  app,
  BASE,
  control,
  json,
  ORIGIN,
  post,
  sessionCookie,
  simulator,
  startFor,
  type Answer,
} from "./harness.js"

let link: RunningSimulator
let sim: ReturnType<typeof control>
beforeAll(async () => {
  link = await simulator()
  sim = control(link)
})
afterAll(() => link.close())
beforeEach(() => sim.reset())

/** Every code an answer carried in this file: the last test checks that none was left out. */
const seen = new Set<string>()
async function refused(
  response: Response,
  code: LoginWithLinkErrorCode
): Promise<Answer> {
  const body = await json(response)
  seen.add(body.code as string)
  expect(body).toMatchObject({
    code,
    message: LOGIN_WITH_LINK_ERROR_CODES[code].message,
  })
  expect(response.status).toBe(
    {
      BAD_REQUEST: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      PAYLOAD_TOO_LARGE: 413,
      TOO_MANY_REQUESTS: 429,
      SERVICE_UNAVAILABLE: 503,
    }[LOGIN_WITH_LINK_ERROR_STATUS[code]]
  )
  return body
}

async function session(auth: ReturnType<typeof app>["auth"], cookie: string) {
  const response = await auth.handler(
    new Request(`${BASE}/get-session`, { headers: { cookie } })
  )
  return json(response)
}

describe("start", () => {
  it("texts a code and answers with the challenge, the redacted phone and the times", async () => {
    const { auth } = app(link)
    const before = Date.now()
    const response = await post(auth, "/sign-in/link/start", {
      email: "  Jo@Example.com ",
    })
    expect(response.status).toBe(200)
    expect(response.headers.get("cache-control")).toBe("no-store")
    const body = await json(response)
    expect(Object.keys(body).sort()).toEqual(
      [
        "challenge",
        "email",
        "expiresAt",
        "redactedPhone",
        "resendAt",
        "status",
      ].sort()
    )
    expect(body).toMatchObject({
      status: "code_sent",
      redactedPhone: "+3*********90",
    })
    expect(body.challenge).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(body.expiresAt).toBeGreaterThan(before + 9 * 60_000)
    expect(body.resendAt).toBeGreaterThan(before)
    expect(await sim.code("jo@example.com")).toMatch(/^\d{6}$/)
  })

  it("invites an email that is not on Link to sign up, coming back to the app", async () => {
    const { auth } = app(link)
    const response = await post(auth, "/sign-in/link/start", {
      email: "new@example.com",
    })
    expect(response.status).toBe(200)
    const body = await json(response)
    expect(Object.keys(body).sort()).toEqual(["email", "signupUrl", "status"])
    expect(body.status).toBe("signup_required")
    const url = new URL(body.signupUrl)
    expect(url.origin).toBe(link.url)
    expect(url.searchParams.get("email")).toBe("new@example.com")
    expect(url.searchParams.get("return_to")).toBe(`${ORIGIN}/`)
  })

  it("sends the person back to a trusted callbackURL, and refuses an untrusted one", async () => {
    const { auth } = app(link)
    const back = await json(
      await post(auth, "/sign-in/link/start", {
        email: "new@example.com",
        callbackURL: "/welcome?from=link",
      })
    )
    expect(new URL(back.signupUrl).searchParams.get("return_to")).toBe(
      `${ORIGIN}/welcome?from=link`
    )
    const calls = await sim.calls()
    const evil = await post(auth, "/sign-in/link/start", {
      email: "new@example.com",
      callbackURL: "https://evil.example/",
    })
    expect(evil.status).toBe(403)
    expect((await json(evil)).code).toBe("INVALID_CALLBACK_URL")
    expect(await sim.calls()).toBe(calls)
  })

  it("INVALID_EMAIL: 400, and Link is not called", async () => {
    const { auth } = app(link)
    await refused(
      await post(auth, "/sign-in/link/start", { email: "not an email" }),
      "INVALID_EMAIL"
    )
    expect(await sim.calls()).toBe(0)
  })
})

describe("resend", () => {
  it("texts a new code and answers with a new challenge", async () => {
    const { auth } = app(link, { resendCooldown: 0 })
    const first = await startFor(auth, link)
    await sim.advance(30_000) // the simulator's own resend cooldown
    const response = await post(auth, "/sign-in/link/resend", {
      challenge: first.challenge,
    })
    expect(response.status).toBe(200)
    const body = await json(response)
    expect(body).toMatchObject({
      status: "code_sent",
      redactedPhone: "+3*********90",
    })
    expect(body.challenge).not.toBe(first.challenge)
    const code = await sim.code("jo@example.com")
    const verified = await post(auth, "/sign-in/link/verify", {
      challenge: body.challenge,
      code,
    })
    expect(verified.status).toBe(200)
  })

  it("RATE_LIMITED before the cooldown: 429 with Retry-After, and Link is not called", async () => {
    const { auth } = app(link)
    const { challenge } = await startFor(auth, link)
    const calls = await sim.calls()
    const response = await post(auth, "/sign-in/link/resend", { challenge })
    const body = await refused(response, "RATE_LIMITED")
    expect(body.retryAfter).toBeGreaterThanOrEqual(1)
    expect(body.retryAfter).toBeLessThanOrEqual(30)
    expect(response.headers.get("retry-after")).toBe(String(body.retryAfter))
    expect(await sim.calls()).toBe(calls)
  })

  it("TOO_MANY_ATTEMPTS when Link's hourly send cap is reached: 429 with Retry-After", async () => {
    const { auth } = app(link, { resendCooldown: 0 })
    let { challenge } = await startFor(auth, link)
    for (let sent = 1; sent < 5; sent += 1) {
      await sim.advance(30_000)
      const body = await json(
        await post(auth, "/sign-in/link/resend", { challenge })
      )
      challenge = body.challenge as string
    }
    await sim.advance(30_000)
    const response = await post(auth, "/sign-in/link/resend", { challenge })
    const body = await refused(response, "TOO_MANY_ATTEMPTS")
    expect(body.retryAfter).toBeGreaterThan(0)
    expect(response.headers.get("retry-after")).toBe(String(body.retryAfter))
  })
})

describe("verify", () => {
  it("sets better-auth's session cookie and answers with the user, named as on Link", async () => {
    const { auth, db } = app(link)
    const { challenge, code } = await startFor(auth, link)
    const response = await post(auth, "/sign-in/link/verify", {
      challenge,
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get("cache-control")).toBe("no-store")
    const cookie = sessionCookie(response)
    expect(cookie).toBeDefined()
    const set = response.headers
      .getSetCookie()
      .find((c) => c.startsWith("better-auth.session_token="))
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/SameSite=Lax/i)
    const body = await json(response)
    expect(Object.keys(body)).toEqual(["user"])
    expect(body.user).toMatchObject({
      email: "jo@example.com",
      name: "Jo Doe",
      emailVerified: false,
    })
    expect((await session(auth, cookie!)).user).toMatchObject({
      id: body.user.id,
      email: "jo@example.com",
    })
    expect(db.account).toEqual([
      expect.objectContaining({
        providerId: "link",
        accountId: "jo@example.com",
        userId: body.user.id,
      }),
    ])
  })

  it("names a person Link shares no name for after the email", async () => {
    const { auth } = app(link)
    const { challenge, code } = await startFor(auth, link, "alex@example.com")
    const body = await json(
      await post(auth, "/sign-in/link/verify", { challenge, code })
    )
    expect(body.user).toMatchObject({ email: "alex@example.com", name: "alex" })
  })

  it("signs the same user in again on the next sign-in", async () => {
    const { auth, db } = app(link)
    const ids = []
    for (let i = 0; i < 2; i += 1) {
      const { challenge, code } = await startFor(auth, link)
      const body = await json(
        await post(auth, "/sign-in/link/verify", { challenge, code })
      )
      ids.push(body.user.id)
    }
    expect(ids[0]).toBe(ids[1])
    expect(db.user).toHaveLength(1)
    expect(db.account).toHaveLength(1)
    expect(db.session).toHaveLength(2)
  })

  it("INVALID_CODE: 401, and no session", async () => {
    const { auth } = app(link)
    const { challenge, code } = await startFor(auth, link)
    const wrong = code === "123456" ? "654321" : "123456"
    const response = await post(auth, "/sign-in/link/verify", {
      challenge,
      code: wrong,
    })
    expect(sessionCookie(response)).toBeUndefined()
    await refused(response, "INVALID_CODE")
    const calls = await sim.calls()
    // Not six digits: refused here, Link is not called.
    await refused(
      await post(auth, "/sign-in/link/verify", { challenge, code: "12ab56" }),
      "INVALID_CODE"
    )
    expect(await sim.calls()).toBe(calls)
  })

  it("TOO_MANY_ATTEMPTS after five wrong codes: 429, even with the right one", async () => {
    const { auth } = app(link)
    const { challenge, code } = await startFor(auth, link)
    const wrong = code === "123456" ? "654321" : "123456"
    for (let i = 0; i < 5; i += 1) {
      const response = await post(auth, "/sign-in/link/verify", {
        challenge,
        code: wrong,
      })
      expect(response.status).toBe(401)
    }
    await refused(
      await post(auth, "/sign-in/link/verify", { challenge, code }),
      "TOO_MANY_ATTEMPTS"
    )
  })

  it("CODE_EXPIRED: 401 when Link's code has expired", async () => {
    const { auth } = app(link)
    const { challenge, code } = await startFor(auth, link)
    await sim.advance(600_000)
    await refused(
      await post(auth, "/sign-in/link/verify", { challenge, code }),
      "CODE_EXPIRED"
    )
  })

  it("CHALLENGE_EXPIRED: 401 when Link's session has expired", async () => {
    const { auth } = app(link)
    const { challenge, code } = await startFor(auth, link)
    await sim.advance(31 * 60_000)
    await refused(
      await post(auth, "/sign-in/link/verify", { challenge, code }),
      "CHALLENGE_EXPIRED"
    )
  })

  it("CHALLENGE_INVALID: 401 for a tampered challenge, and Link is not called", async () => {
    const { auth } = app(link)
    const { challenge, code } = await startFor(auth, link)
    const calls = await sim.calls()
    const tampered = `${challenge.slice(0, -4)}${challenge.endsWith("AAAA") ? "BBBB" : "AAAA"}`
    await refused(
      await post(auth, "/sign-in/link/verify", { challenge: tampered, code }),
      "CHALLENGE_INVALID"
    )
    // Sealed for another app (another secret): refused the same way.
    const other = app(link, { secret: "another-app-secret-0123456789abcdef" })
    await refused(
      await post(other.auth, "/sign-in/link/verify", { challenge, code }),
      "CHALLENGE_INVALID"
    )
    expect(await sim.calls()).toBe(calls)
  })
})

describe("Link failures", () => {
  it("LINK_UNAVAILABLE: 503 when Link fails, answers garbage or is too slow", async () => {
    const { auth } = app(link, { timeout: 300 })
    for (const fault of [
      { kind: "status", status: 500 },
      { kind: "malformed" },
      { kind: "html" },
      { kind: "drop" },
      { kind: "hang" },
    ] as const) {
      await sim.fault({ route: "lookup-email", count: 1, ...fault })
      await refused(
        await post(auth, "/sign-in/link/start", { email: "jo@example.com" }),
        "LINK_UNAVAILABLE"
      )
    }
    const { challenge, code } = await startFor(auth, link)
    await sim.fault({
      route: "authenticate",
      kind: "status",
      status: 503,
      count: 1,
    })
    const response = await post(auth, "/sign-in/link/verify", {
      challenge,
      code,
    })
    expect(sessionCookie(response)).toBeUndefined()
    await refused(response, "LINK_UNAVAILABLE")
  })

  it("RATE_LIMITED when Link says so: 429 with Link's Retry-After", async () => {
    const { auth } = app(link)
    await sim.fault({
      route: "lookup-email",
      kind: "status",
      status: 429,
      retryAfter: 7,
      count: 1,
    })
    const response = await post(auth, "/sign-in/link/start", {
      email: "jo@example.com",
    })
    const body = await refused(response, "RATE_LIMITED")
    expect(body.retryAfter).toBe(7)
    expect(response.headers.get("retry-after")).toBe("7")
  })
})

describe("the core's per-email and per-IP limits", () => {
  it("RATE_LIMITED per email, before Link is called", async () => {
    const { auth } = app(link, {
      rateLimit: undefined,
      rateLimits: { lookupPerEmail: { points: 2, windowMs: 60_000 } },
    })
    for (let i = 0; i < 2; i += 1) {
      expect(
        (await post(auth, "/sign-in/link/start", { email: "new@example.com" }))
          .status
      ).toBe(200)
    }
    const calls = await sim.calls()
    const response = await post(auth, "/sign-in/link/start", {
      email: "NEW@example.com",
    })
    const body = await refused(response, "RATE_LIMITED")
    expect(body.retryAfter).toBeGreaterThan(0)
    expect(response.headers.get("retry-after")).toBe(String(body.retryAfter))
    expect(await sim.calls()).toBe(calls)
  })

  it("per IP, with the client IP as better-auth derives it (advanced.ipAddress)", async () => {
    const { auth } = app(
      link,
      {
        rateLimit: undefined,
        rateLimits: { lookupPerIp: { points: 2, windowMs: 60_000 } },
      },
      { advanced: { ipAddress: { ipAddressHeaders: ["x-client-ip"] } } }
    )
    const from = (ip: string, email: string) =>
      post(auth, "/sign-in/link/start", { email }, { "x-client-ip": ip })
    expect((await from("203.0.113.7", "a1@example.com")).status).toBe(200)
    expect((await from("203.0.113.7", "a2@example.com")).status).toBe(200)
    await refused(await from("203.0.113.7", "a3@example.com"), "RATE_LIMITED")
    // Another client has its own budget.
    expect((await from("198.51.100.9", "a4@example.com")).status).toBe(200)
    // IPv6 clients of one /64 share one (better-auth's normalisation).
    expect((await from("2001:db8::1", "b1@example.com")).status).toBe(200)
    expect((await from("2001:db8::2", "b2@example.com")).status).toBe(200)
    await refused(await from("2001:db8::3", "b3@example.com"), "RATE_LIMITED")
  })
})

it("answers every error code this file provokes with its status (the rest: see the other files)", () => {
  const elsewhere = [
    "ACCOUNT_NOT_LINKED", // accounts.test.ts
    "SIGN_UP_DISABLED", // accounts.test.ts
    "REQUEST_BODY_TOO_LARGE", // hostile.test.ts
    "HUMAN_CHECK_REQUIRED", // human-check.test.ts
  ]
  expect([...seen, ...elsewhere].sort()).toEqual(
    Object.keys(LOGIN_WITH_LINK_ERROR_CODES).sort()
  )
})
