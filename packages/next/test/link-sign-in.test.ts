// linkSignIn through real next-auth, the provider and the in-process Link simulator: every step,
// the challenge cookie, what the page shows, and where a signed-in person goes.
import { describe, expect, it, vi } from "vitest"
import { sealChallenge } from "@login-with-link/core"
import { linkSignIn } from "../src/server/index.js"
import {
  browserCookies,
  newRequest,
  plantCookie,
  setCookies,
} from "@login-with-link/test-helpers/next-headers"
import {
  API_URL,
  JO,
  KEY,
  lastCode,
  post,
  SECRET,
  stateOf,
  useShop,
} from "./shop.js"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

const shop = useShop()

const start = (email = JO.email, proto?: "http" | "https") =>
  post(shop.signIn, { intent: "start", email }, { proto })

describe("the email step", () => {
  it("sends a code and answers the code step, with what the sealed challenge says", async () => {
    const state = stateOf(await start())
    expect(state).toMatchObject({
      step: "code",
      email: JO.email,
      redactedPhone: JO.phone,
      seq: 1,
      alert: { kind: "info", code: "code_sent", field: "code", quiet: true },
    })
    expect(state.expiresAt).toBeGreaterThan(Date.now() + 9 * 60_000)
    expect(state.resendAt).toBeGreaterThan(Date.now())
    // The page never gets the challenge: it is in the httpOnly cookie only.
    expect(JSON.stringify(state)).not.toContain(
      browserCookies().get("link_signin")
    )
    expect(shop.sim.state.outbox.list(JO.email)).toHaveLength(1)
  })

  it("normalises the email (case, spaces)", async () => {
    const state = stateOf(await start("  Jo@Example.COM "))
    expect(state).toMatchObject({ step: "code", email: JO.email })
  })

  it("an email not on Link gets the sign-up invitation, with the way back and the email", async () => {
    const state = stateOf(
      await post(
        shop.signIn,
        { intent: "start", email: "new@example.com" },
        { referer: "http://shop.test/login?callbackUrl=%2Fcart" }
      )
    )
    expect(state).toMatchObject({
      step: "signup",
      email: "new@example.com",
      alert: { code: "signup_required", kind: "info" },
    })
    const signup = new URL(state.signupUrl!)
    expect(signup.origin).toBe(new URL(API_URL).origin)
    expect(signup.searchParams.get("email")).toBe("new@example.com")
    const back = new URL(signup.searchParams.get("return_to")!)
    expect(back.pathname).toBe("/login")
    expect(back.searchParams.get("email")).toBe("new@example.com")
    expect(back.searchParams.get("callbackUrl")).toBe("/cart")
    expect(browserCookies().has("link_signin")).toBe(false)
  })

  it.each([
    ["empty", ""],
    ["not an email", "not-an-email"],
    ["too long", `${"a".repeat(330)}@example.com`],
  ])("an %s email is invalid_email at the email step", async (_, email) => {
    const state = stateOf(await start(email))
    expect(state).toMatchObject({
      step: "email",
      alert: { kind: "error", code: "invalid_email", field: "email" },
    })
    expect(shop.sim.state.outbox.list()).toHaveLength(0)
  })

  it("Link down: link_unavailable, the email kept, the person can retry", async () => {
    shop.sim.state.faults.add({
      route: "*",
      kind: "status",
      status: 500,
      count: 1,
    })
    const state = stateOf(await start())
    expect(state).toMatchObject({
      step: "email",
      email: JO.email,
      alert: { code: "link_unavailable", field: "email" },
    })
    const again = stateOf(await start())
    expect(again.step).toBe("code")
  })

  it("rate limited: rate_limited with the wait", async () => {
    shop.reset({
      rateLimit: undefined,
      rateLimits: { lookupPerEmail: { points: 1, windowMs: 600_000 } },
    })
    expect(stateOf(await start()).step).toBe("code")
    const state = stateOf(await start())
    expect(state).toMatchObject({
      step: "email",
      alert: { code: "rate_limited", field: "email" },
    })
    expect(state.alert?.retryAfter).toBeGreaterThan(0)
  })
})

describe("the challenge cookie", () => {
  it("over plain HTTP: link_signin, httpOnly, SameSite=Lax, Path=/, not Secure", async () => {
    await start(JO.email, "http")
    const cookie = setCookies().find((c) => c.name === "link_signin")
    expect(cookie?.options).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      secure: false,
      path: "/",
    })
    expect(cookie?.options.maxAge).toBeGreaterThan(600)
    expect(cookie?.options.maxAge).toBeLessThanOrEqual(3600 + 20 * 60)
  })

  it("over HTTPS (X-Forwarded-Proto): __Host-link_signin, Secure, Path=/, no Domain", async () => {
    await start(JO.email, "https")
    expect(setCookies().map((c) => c.name)).not.toContain("link_signin")
    const cookie = setCookies().find((c) => c.name === "__Host-link_signin")
    expect(cookie?.options).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      path: "/",
    })
    expect(cookie?.options).not.toHaveProperty("domain")
    // And the next step over HTTPS reads it.
    const code = lastCode(shop.sim, JO.email)
    const answer = await post(
      shop.signIn,
      { intent: "verify", code },
      { proto: "https" }
    )
    expect(answer).toEqual({ kind: "redirect", location: "/" })
  })

  it("HTTPS is the request's: NODE_ENV=production over plain HTTP sets no Secure cookie", async () => {
    vi.stubEnv("NODE_ENV", "production")
    try {
      await start(JO.email, "http")
      expect(
        setCookies().find((c) => c.name === "link_signin")?.options.secure
      ).toBe(false)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it("holds the sealed challenge only: no email or phone in it", async () => {
    await start()
    const value = browserCookies().get("link_signin")!
    // A compact JWE: five base64url parts, none of which, decoded, holds the email or the phone.
    expect(value).toMatch(/^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(value).not.toContain(JO.email)
    for (const part of value.split(".")) {
      const decoded = Buffer.from(part, "base64url").toString("latin1")
      expect(decoded).not.toContain(JO.email)
      expect(decoded).not.toContain(JO.phone)
    }
  })
})

describe("the code step", () => {
  it("the right code signs in, removes the challenge and redirects to callbackUrl", async () => {
    await start()
    const answer = await post(shop.signIn, {
      intent: "verify",
      code: lastCode(shop.sim, JO.email),
      callbackUrl: "/checkout?step=2",
    })
    expect(answer).toEqual({ kind: "redirect", location: "/checkout?step=2" })
    expect(browserCookies().has("link_signin")).toBe(false)
    expect([...browserCookies().keys()]).toContain("authjs.session-token")
  })

  it('"123 456" and "123-456" are the same code', async () => {
    await start()
    const code = lastCode(shop.sim, JO.email)
    const answer = await post(shop.signIn, {
      intent: "verify",
      code: `${code.slice(0, 3)}-${code.slice(3)}`,
    })
    expect(answer.kind).toBe("redirect")
  })

  it("a form without intent is read by its fields (code means verify)", async () => {
    await post(shop.signIn, { email: JO.email })
    const answer = await post(shop.signIn, {
      code: lastCode(shop.sim, JO.email),
    })
    expect(answer.kind).toBe("redirect")
  })

  it("without callbackUrl the page's own (Referer) is used, and the fallback without either", async () => {
    await start()
    const answer = await post(
      shop.signIn,
      { intent: "verify", code: lastCode(shop.sim, JO.email) },
      {
        referer: "http://shop.test/login?callbackUrl=%2Forders",
        options: { callbackUrl: { fallback: "/account" } },
      }
    )
    expect(answer).toEqual({ kind: "redirect", location: "/orders" })
  })

  it("an absolute callbackUrl on the app's own origin, as Auth.js hands it to the sign-in page, is its path", async () => {
    await start()
    const posted = await post(shop.signIn, {
      intent: "verify",
      code: lastCode(shop.sim, JO.email),
      callbackUrl: "http://shop.test/protected?tab=1",
    })
    expect(posted).toEqual({ kind: "redirect", location: "/protected?tab=1" })

    await start()
    const fromAddress = await post(
      shop.signIn,
      { intent: "verify", code: lastCode(shop.sim, JO.email) },
      {
        referer:
          "http://shop.test/login?callbackUrl=http%3A%2F%2Fshop.test%2Forders",
      }
    )
    expect(fromAddress).toEqual({ kind: "redirect", location: "/orders" })
  })

  it.each([
    "http://evil.example/protected",
    "https://shop.test/protected",
    "http://shop.test.evil.example/protected",
    "http://shop.test:8080/protected",
    "http://shop.test//evil.example/",
  ])(
    "an absolute callbackUrl on another origin (%s) gets the fallback",
    async (callbackUrl) => {
      await start()
      const answer = await post(shop.signIn, {
        intent: "verify",
        code: lastCode(shop.sim, JO.email),
        callbackUrl,
      })
      expect(answer).toEqual({ kind: "redirect", location: "/" })
    }
  )

  it("a wrong code keeps the code step and the challenge", async () => {
    await start()
    const cookie = browserCookies().get("link_signin")
    const code = lastCode(shop.sim, JO.email)
    const wrong = code === "111111" ? "222222" : "111111"
    const state = stateOf(
      await post(shop.signIn, { intent: "verify", code: wrong })
    )
    expect(state).toMatchObject({
      step: "code",
      email: JO.email,
      redactedPhone: JO.phone,
      alert: { kind: "error", code: "invalid_code", field: "code" },
    })
    expect(browserCookies().get("link_signin")).toBe(cookie)
    // The right code still works after it.
    const answer = await post(shop.signIn, { intent: "verify", code })
    expect(answer.kind).toBe("redirect")
  })

  it("the sixth wrong code ends the sign-in: too_many_attempts, back to the email step", async () => {
    await start()
    const code = lastCode(shop.sim, JO.email)
    const wrong = code === "111111" ? "222222" : "111111"
    for (let i = 0; i < 5; i++) {
      const state = stateOf(
        await post(shop.signIn, { intent: "verify", code: wrong })
      )
      expect(state.alert?.code).toBe("invalid_code")
    }
    const state = stateOf(await post(shop.signIn, { intent: "verify", code }))
    expect(state).toMatchObject({
      step: "email",
      email: JO.email,
      alert: { code: "too_many_attempts", field: "email" },
    })
    expect(browserCookies().has("link_signin")).toBe(false)
  })

  it("an expired code keeps the code step and points at resend", async () => {
    await start()
    const code = lastCode(shop.sim, JO.email)
    shop.sim.state.clock.advance(11 * 60_000)
    const state = stateOf(await post(shop.signIn, { intent: "verify", code }))
    expect(state).toMatchObject({
      step: "code",
      alert: { code: "code_expired", field: "resend" },
    })
  })

  it("Link down at the code step keeps the code step; the same code works once Link is back", async () => {
    await start()
    const code = lastCode(shop.sim, JO.email)
    shop.sim.state.faults.add({
      route: "authenticate",
      kind: "status",
      status: 503,
      count: 1,
    })
    const state = stateOf(await post(shop.signIn, { intent: "verify", code }))
    expect(state).toMatchObject({
      step: "code",
      alert: { code: "link_unavailable", field: "code" },
    })
    expect((await post(shop.signIn, { intent: "verify", code })).kind).toBe(
      "redirect"
    )
  })
})

describe("resend", () => {
  it("inside the wait: rate_limited with the time left, no SMS, the code step stays", async () => {
    await start()
    const state = stateOf(await post(shop.signIn, { intent: "resend" }))
    expect(state).toMatchObject({
      step: "code",
      alert: { code: "rate_limited", field: "resend" },
    })
    expect(state.alert?.retryAfter).toBeGreaterThan(0)
    expect(state.resendAt).toBeGreaterThan(Date.now())
    expect(shop.sim.state.outbox.list(JO.email)).toHaveLength(1)
  })

  it("after the wait: a new code, a new challenge, and the page says the earlier code is gone", async () => {
    shop.reset({ resendCooldown: 0 })
    await start()
    const before = browserCookies().get("link_signin")
    const first = lastCode(shop.sim, JO.email)
    // Link's own wait between sends, on the simulator's clock.
    shop.sim.state.clock.advance(31_000)
    const state = stateOf(await post(shop.signIn, { intent: "resend" }))
    expect(state).toMatchObject({
      step: "code",
      email: JO.email,
      alert: { kind: "info", code: "code_sent", resent: true },
    })
    expect(browserCookies().get("link_signin")).not.toBe(before)
    const second = lastCode(shop.sim, JO.email)
    expect(shop.sim.state.outbox.list(JO.email)).toHaveLength(2)
    if (first !== second) {
      const old = stateOf(
        await post(shop.signIn, { intent: "verify", code: first })
      )
      expect(old.alert?.code).toBe("invalid_code")
    }
    expect(
      (await post(shop.signIn, { intent: "verify", code: second })).kind
    ).toBe("redirect")
  })
})

describe("use a different email", () => {
  it("forgets the challenge and fills the email in", async () => {
    await start()
    const state = stateOf(await post(shop.signIn, { intent: "change" }))
    expect(state).toMatchObject({ step: "email", email: JO.email })
    expect(state.alert).toBeUndefined()
    expect(browserCookies().has("link_signin")).toBe(false)
  })
})

describe("rendering the page (no form data)", () => {
  it("no sign-in in progress: the email step", async () => {
    newRequest()
    expect(await linkSignIn(shop.signIn)).toMatchObject({
      step: "email",
      email: "",
      seq: 0,
    })
  })

  it("a sign-in in progress: the same code step (a second tab, a reload)", async () => {
    const first = stateOf(await start())
    newRequest()
    const state = await linkSignIn(shop.signIn, undefined, undefined)
    expect(state).toMatchObject({
      step: "code",
      email: JO.email,
      redactedPhone: JO.phone,
      expiresAt: first.expiresAt,
      resendAt: first.resendAt,
      seq: 0,
    })
    expect(state.alert).toBeUndefined()
    // Reading sets no cookie (a page render cannot).
    expect(setCookies()).toEqual([])
  })

  it("an expired sign-in: the email step, the email filled in, challenge_expired", async () => {
    const challenge = await sealChallenge(
      {
        email: JO.email,
        clientSecret: "cs_x",
        redactedPhone: JO.phone,
        expiresAt: Date.now() - 60_000,
        resendAt: Date.now() - 90_000,
      },
      {
        secret: SECRET,
        binding: `${KEY} ${API_URL}`,
        now: Date.now() - 700_000,
      }
    )
    plantCookie("link_signin", challenge)
    newRequest()
    expect(await linkSignIn(shop.signIn)).toMatchObject({
      step: "email",
      email: JO.email,
      alert: { code: "challenge_expired" },
    })
  })
})
