/**
 * `POST /sign-in/link/form` over HTTP, as the browser's driver calls it: the state machine on the
 * server, the challenge in an httpOnly cookie. Hostile bodies, cookies, origins and callbackUrls
 * each get a coded answer (a state, or a coded 4xx before the route runs), never a 500, and never
 * a Link call they should not make.
 */
import { VARIANTS } from "@login-with-link/test-helpers"
import { describe, expect, it } from "vitest"
import { app, json, ORIGIN, post, sessionCookie, useLink } from "./harness.js"

const { link, sim } = useLink()

const FORM = "/sign-in/link/form"
const huge = "x".repeat(5000)

/** The challenge cookie a response set (`name=value`), if any. */
const challengeCookie = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((cookie) => /^(__Host-)?link_signin=/.test(cookie))

/** Start through the form: the code step, and the challenge cookie to send back. */
async function toCodeStep(auth: ReturnType<typeof app>["auth"]) {
  const response = await post(auth, FORM, {
    intent: "start",
    email: "jo@example.com",
  })
  const state = await json(response)
  expect(state).toMatchObject({ step: "code", email: "jo@example.com" })
  const set = challengeCookie(response)!
  expect(set).toMatch(/HttpOnly/i)
  expect(set).toMatch(/SameSite=Lax/i)
  return { state, cookie: set.split(";")[0]! }
}

describe(FORM, () => {
  it.each([
    ["null", null],
    ["an array", [1, 2, 3]],
    ["a string", "jo@example.com"],
    ["a number", 42],
  ])("%s: 400 CHALLENGE_INVALID, no Link call", async (_, body) => {
    const { auth } = app(link)
    const response = await post(auth, FORM, JSON.stringify(body))
    expect(response.status).toBe(400)
    expect((await json(response)).code).toBe("CHALLENGE_INVALID")
    expect(await sim.calls()).toBe(0)
  })

  it("bad JSON is a coded 400; a body over the limit a 413", async () => {
    const { auth } = app(link)
    const bad = await post(auth, FORM, '{"intent":')
    expect(bad.status).toBe(400)
    expect((await json(bad)).code).toBe("CHALLENGE_INVALID")
    const big = await post(auth, FORM, { intent: "start", pad: huge.repeat(5) })
    expect(big.status).toBe(413)
    expect((await json(big)).code).toBe("REQUEST_BODY_TOO_LARGE")
    expect(await sim.calls()).toBe(0)
  })

  it.each([
    ["no fields", {}, "email", undefined],
    ["an unknown intent", { intent: "admin" }, "email", undefined],
    [
      "email as an object",
      { intent: "start", email: { $ne: "" } },
      "email",
      "invalid_email",
    ],
    [
      "a huge email",
      { intent: "start", email: `${huge}@example.com` },
      "email",
      "invalid_email",
    ],
    [
      "a look-alike @",
      { intent: "start", email: "jo＠example.com" },
      "email",
      "invalid_email",
    ],
    [
      "verify without a sign-in",
      { intent: "verify", code: "123456" },
      "email",
      "challenge_expired",
    ],
    [
      "resend without a sign-in",
      { intent: "resend" },
      "email",
      "challenge_expired",
    ],
    ["a forged seq", { intent: "resume", seq: -5 }, "email", undefined],
    ["seq as a string", { intent: "resume", seq: "9" }, "email", undefined],
    [
      "exclude as a string",
      { intent: "resume", exclude: "/x" },
      "email",
      undefined,
    ],
    [
      "__proto__",
      JSON.parse('{"__proto__":{"admin":true},"intent":"resume"}'),
      "email",
      undefined,
    ],
  ])("%s: a coded state, no Link call", async (_, body, step, code) => {
    const { auth } = app(link)
    const response = await post(auth, FORM, body)
    expect(response.status).toBe(200)
    const state = await json(response)
    expect(state.step).toBe(step)
    expect(state.alert?.code).toBe(code)
    expect(typeof state.seq).toBe("number")
    expect(sessionCookie(response)).toBeUndefined()
    expect(await sim.calls()).toBe(0)
  })

  it("signs in: the challenge only in the cookie, then better-auth's session and the checked path", async () => {
    const { auth } = app(link)
    const { state, cookie } = await toCodeStep(auth)
    expect(JSON.stringify(state)).not.toContain(cookie.split("=")[1])
    const done = await post(
      auth,
      FORM,
      {
        intent: "verify",
        code: await sim.code("jo@example.com"),
        callbackUrl: "/orders?x=1",
        seq: state.seq,
      },
      { cookie, origin: ORIGIN }
    )
    expect(await json(done)).toMatchObject({
      redirectTo: "/orders?x=1",
      seq: state.seq + 1,
    })
    expect(sessionCookie(done)).toBeDefined()
    // The challenge cookie is cleared with the sign-in.
    expect(challengeCookie(done)).toMatch(/^link_signin=;.*Max-Age=0/i)
  })

  it("never leaves the origin: every hostile callbackUrl and fallback gives a same-origin path", async () => {
    const { auth } = app(link)
    for (const hostile of VARIANTS) {
      await sim.reset()
      const { cookie } = await toCodeStep(auth)
      const done = await json(
        await post(
          auth,
          FORM,
          {
            intent: "verify",
            code: await sim.code("jo@example.com"),
            callbackUrl: hostile,
            fallbackUrl: hostile,
          },
          { cookie, origin: ORIGIN }
        )
      )
      expect(done.redirectTo, hostile).toBe("/")
    }
  })

  it("exclude keeps the sign-in page out; the fallback is checked too", async () => {
    const { auth } = app(link)
    const { cookie } = await toCodeStep(auth)
    const done = await json(
      await post(
        auth,
        FORM,
        {
          intent: "verify",
          code: await sim.code("jo@example.com"),
          callbackUrl: "/login",
          fallbackUrl: "/account",
          exclude: ["/login"],
        },
        { cookie, origin: ORIGIN }
      )
    )
    expect(done.redirectTo).toBe("/account")
  })

  it("a cookie from another site's page is refused before the route runs (CSRF)", async () => {
    // better-auth skips its origin check under test runners unless told; production has it on.
    const { auth } = app(link, {}, { advanced: { disableOriginCheck: false } })
    const { cookie } = await toCodeStep(auth)
    const calls = await sim.calls()
    const forged = await post(
      auth,
      FORM,
      { intent: "verify", code: await sim.code("jo@example.com") },
      { cookie, origin: "https://evil.example" }
    )
    expect(forged.status).toBe(403)
    expect(sessionCookie(forged)).toBeUndefined()
    expect(await sim.calls()).toBe(calls)
    // The same post from the shop's own page signs in.
    const own = await post(
      auth,
      FORM,
      { intent: "verify", code: await sim.code("jo@example.com") },
      { cookie, origin: ORIGIN }
    )
    expect(sessionCookie(own)).toBeDefined()
  })

  it("an oversized or garbage cookie starts over, coded, and is cleared", async () => {
    const { auth } = app(link)
    for (const value of ["x".repeat(9000), "not-a-challenge"]) {
      const response = await post(
        auth,
        FORM,
        { intent: "verify", code: "123456" },
        { cookie: `link_signin=${value}`, origin: ORIGIN }
      )
      expect(response.status).toBe(200)
      expect(await json(response)).toMatchObject({
        step: "email",
        alert: { code: "challenge_invalid" },
      })
      expect(challengeCookie(response)).toMatch(/Max-Age=0/i)
    }
    expect(await sim.calls()).toBe(0)
  })

  it("over HTTPS the cookie is __Host- and Secure", async () => {
    const { auth } = app(link, {}, { baseURL: "https://shop.test" })
    const response = await auth.handler(
      new Request(`https://shop.test/api/auth${FORM}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ intent: "start", email: "jo@example.com" }),
      })
    )
    expect(challengeCookie(response)).toMatch(
      /^__Host-link_signin=[^;]+;.*Path=\/;.*HttpOnly;.*Secure/i
    )
  })

  it("a posted oauthError is worded as the one list has it; anything else is Link unavailable", async () => {
    const { auth } = app(link)
    const state = async (oauthError: unknown) =>
      json(await post(auth, FORM, { intent: "oauth", oauthError }))
    expect((await state("oauth_denied")).alert).toMatchObject({
      code: "oauth_denied",
      message: "Signing in with Link was cancelled.",
    })
    for (const hostile of ["code_sent", "constructor", "__proto__", huge, 7])
      expect((await state(hostile)).alert.code).toBe("link_unavailable")
    expect(await sim.calls()).toBe(0)
  })
})

it("the form route is in better-auth's own per-IP limits", async () => {
  const { auth } = app(
    link,
    { routeRateLimits: { form: { window: 60, max: 2 } } },
    {
      rateLimit: { enabled: true, storage: "memory" },
      advanced: { ipAddress: { ipAddressHeaders: ["x-client-ip"] } },
    }
  )
  const ip = { "x-client-ip": "192.0.2.44" }
  for (let i = 0; i < 2; i += 1)
    expect((await post(auth, FORM, { intent: "resume" }, ip)).status).toBe(200)
  expect((await post(auth, FORM, { intent: "resume" }, ip)).status).toBe(429)
})
