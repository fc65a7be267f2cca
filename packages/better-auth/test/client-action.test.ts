/**
 * `linkClientAction(authClient)`: the form's action on better-auth's client, driven as
 * `<LinkSignInForm />` drives it (FormData with `intent`), against the real handler and simulator.
 */
import type { LinkFormState } from "@login-with-link/core/form"
import { describe, expect, it, vi } from "vitest"
import { linkClientAction } from "../src/client.js"
import {
  app,
  clientWithJar,
  devLinkOAuth,
  ORIGIN,
  type Db,
  useLink,
} from "./harness.js"

const { link, sim } = useLink()

function form(fields: Record<string, string>): FormData {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) data.set(key, value)
  return data
}

function setUp(
  plugin: Parameters<typeof app>[1] = {},
  options: Parameters<typeof app>[2] = {}
) {
  const { auth, db } = app(link, plugin, options)
  const { client, jar } = clientWithJar(auth)
  const action = linkClientAction(client, {
    callbackUrl: { fallback: "/account", exclude: ["/login"] },
  })
  return { auth, db, client, jar, action }
}

async function toCodeStep(
  action: ReturnType<typeof setUp>["action"],
  email = "jo@example.com"
): Promise<LinkFormState> {
  const state = await action(undefined, form({ intent: "start", email }))
  expect(state).toMatchObject({ step: "code", email })
  return state
}

describe("linkClientAction", () => {
  it("signs in: email, code, then the checked callbackUrl, with better-auth's session", async () => {
    const { action, client, jar } = setUp()
    const code = await toCodeStep(action)
    expect(code).toMatchObject({
      redactedPhone: "+3*********90",
      alert: { code: "code_sent", kind: "info" },
    })
    // The challenge waits in an httpOnly cookie, never in the state the form renders.
    expect(JSON.stringify(code)).not.toContain("challenge")
    expect(jar.get("link_signin")).toMatch(/^[\w-]+\.[\w.-]+$/)
    const done = await action(
      code,
      form({
        intent: "verify",
        code: await sim.code("jo@example.com"),
        callbackUrl: "/orders?x=1",
      })
    )
    expect(done.redirectTo).toBe("/orders?x=1")
    expect(jar.has("link_signin")).toBe(false)
    expect((await client.getSession()).data?.user.email).toBe("jo@example.com")
  })

  it("a wrong code stays on the code step with the tries left; resend sends a new code", async () => {
    const { action } = setUp({ resendCooldown: 0 })
    const code = await toCodeStep(action)
    const wrong = await action(code, form({ intent: "verify", code: "000001" }))
    expect(wrong).toMatchObject({
      step: "code",
      alert: { code: "invalid_code", field: "code" },
      seq: code.seq + 1,
    })
    await sim.advance(30_000)
    const resent = await action(wrong, form({ intent: "resend" }))
    expect(resent).toMatchObject({
      step: "code",
      alert: { code: "code_sent", resent: true },
    })
  })

  it("a resend inside the cooldown keeps the code step and the wait", async () => {
    const { action } = setUp()
    const code = await toCodeStep(action)
    const early = await action(code, form({ intent: "resend" }))
    expect(early).toMatchObject({
      step: "code",
      alert: { code: "rate_limited", field: "resend" },
    })
    expect(early.resendAt).toBeGreaterThanOrEqual(code.resendAt!)
  })

  it("invites someone not on Link to sign up, with the way back", async () => {
    const { action } = setUp()
    const state = await action(
      undefined,
      form({ intent: "start", email: "new@example.com" })
    )
    expect(state).toMatchObject({ step: "signup", email: "new@example.com" })
    expect(new URL(state.signupUrl!).searchParams.get("email")).toBe(
      "new@example.com"
    )
  })

  it("shows the plugin's own failures in words: account_not_linked starts over", async () => {
    const { action, db } = setUp()
    db.user!.push({
      id: "pw",
      email: "jo@example.com",
      name: "Jo",
      emailVerified: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    ;(db as Db).account!.push({
      id: "cred",
      userId: "pw",
      providerId: "credential",
      accountId: "pw",
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    const code = await toCodeStep(action)
    const refused = await action(
      code,
      form({ intent: "verify", code: await sim.code("jo@example.com") })
    )
    expect(refused).toMatchObject({
      step: "email",
      email: "jo@example.com",
      alert: {
        code: "account_not_linked",
        message:
          "An account with this email already exists and is not linked to Link.",
        action: "Sign in the way you usually do.",
      },
    })
  })

  it("never leaves the origin: hostile callbackUrls give the fallback", async () => {
    for (const callbackUrl of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/login",
    ]) {
      const { action } = setUp()
      const code = await toCodeStep(action)
      const done = await action(
        code,
        form({
          intent: "verify",
          code: await sim.code("jo@example.com"),
          callbackUrl,
        })
      )
      expect(done.redirectTo).toBe("/account")
      await sim.reset()
    }
  })

  it("a tampered, foreign or missing challenge cookie starts over, coded", async () => {
    const { action, jar } = setUp()
    const code = await toCodeStep(action)
    const challenge = jar.get("link_signin")!
    jar.set("link_signin", `${challenge.slice(0, -4)}AAAA`)
    expect(
      await action(code, form({ intent: "verify", code: "123456" }))
    ).toMatchObject({
      step: "email",
      email: "",
      alert: { code: "challenge_invalid" },
    })
    expect(jar.has("link_signin")).toBe(false)
    // Another app's challenge (another secret) is refused the same way.
    const other = setUp({ secret: "another-secret-of-at-least-32-chars!!" })
    await toCodeStep(other.action)
    jar.set("link_signin", other.jar.get("link_signin")!)
    expect(await action(code, form({ intent: "resend" }))).toMatchObject({
      step: "email",
      alert: { code: "challenge_invalid" },
    })
    // No cookie at all (cleared, or another browser): the sign-in expired.
    expect(
      await action(code, form({ intent: "verify", code: "123456" }))
    ).toMatchObject({ step: "email", alert: { code: "challenge_expired" } })
  })

  it("a forged state shown in the page changes nothing the server says", async () => {
    const { action } = setUp()
    await toCodeStep(action)
    const forged = {
      step: "code",
      email: "someone@else.example",
      redactedPhone: "+1*******00",
      serverNow: 0,
      seq: 7,
    } as const
    const resumed = await action(forged, form({ intent: "resume" }))
    expect(resumed).toMatchObject({
      step: "code",
      email: "jo@example.com",
      redactedPhone: "+3*********90",
      seq: 8,
    })
  })

  it("an expired sign-in keeps its email for the next try", async () => {
    const { action } = setUp()
    const code = await toCodeStep(action)
    await sim.advance(11 * 60_000)
    vi.setSystemTime(Date.now() + 11 * 60_000)
    try {
      expect(
        await action(code, form({ intent: "verify", code: "123456" }))
      ).toMatchObject({
        step: "email",
        email: "jo@example.com",
        alert: { code: "challenge_expired" },
      })
    } finally {
      vi.useRealTimers()
    }
  })

  it("resumes the sign-in in progress (a reload), and change goes back to the email", async () => {
    const { action } = setUp()
    await toCodeStep(action)
    expect(await action(undefined, form({ intent: "resume" }))).toMatchObject({
      step: "code",
      email: "jo@example.com",
    })
    expect(await action(undefined, form({ intent: "change" }))).toMatchObject({
      step: "email",
      email: "jo@example.com",
    })
    expect(await action(undefined, form({ intent: "resume" }))).toMatchObject({
      step: "email",
    })
  })

  it("passes the form's human_token on to the plugin's verifyHuman", async () => {
    const tokens: (string | undefined)[] = []
    const { action } = setUp({
      rateLimit: undefined,
      rateLimits: { sendPerEmail: { points: 1, windowMs: 3_600_000 } },
      verifyHuman: (token) => {
        tokens.push(token)
        return token === "human-ok"
      },
    })
    await toCodeStep(action)
    const start = (extra: Record<string, string> = {}) =>
      action(
        undefined,
        form({ intent: "start", email: "jo@example.com", ...extra })
      )
    expect((await start()).alert?.code).toBe("human_check_required")
    expect((await start({ human_token: "human-ok" })).step).toBe("code")
    expect(tokens).toEqual([undefined, "human-ok"])
  })

  it("Continue with Link goes to Link's page (better-auth's genericOAuth), the callback checked", async () => {
    const { auth } = app(
      link,
      {},
      {
        plugins: [devLinkOAuth(link)],
      }
    )
    const { client } = clientWithJar(auth)
    const asked: { callbackURL?: string }[] = []
    const social = client.signIn.social
    const spied = {
      ...client,
      signIn: {
        ...client.signIn,
        social: (body: { provider: string; callbackURL?: string }) => {
          asked.push(body)
          return social(body)
        },
      },
    }
    const assigned: string[] = []
    vi.stubGlobal("location", {
      href: `${ORIGIN}/login`,
      assign: (url: string) => assigned.push(url),
    })
    try {
      const action = linkClientAction(spied, {
        callbackUrl: { fallback: "/account", exclude: ["/login"] },
      })
      for (const callbackUrl of ["/orders", "//evil.example", "/login?x=1"])
        await action(undefined, form({ intent: "oauth", callbackUrl }))
    } finally {
      vi.unstubAllGlobals()
    }
    expect(asked.map((body) => body.callbackURL)).toEqual([
      "/orders",
      "/account",
      "/account",
    ])
    expect(assigned).toHaveLength(3)
    for (const url of assigned)
      expect(new URL(url).origin + new URL(url).pathname).toBe(
        `${link.oauthUrl}/auth`
      )
  })

  it("Continue with Link without Link's OAuth provider set up is a coded state", async () => {
    const { action } = setUp()
    expect(await action(undefined, form({ intent: "oauth" }))).toMatchObject({
      step: "email",
      alert: { code: "link_unavailable" },
    })
  })

  it("better-auth's own limiter: the step stays, with the wait from its X-Retry-After header", async () => {
    const { action } = setUp(
      { routeRateLimits: { form: { window: 60, max: 1 } } },
      { rateLimit: { enabled: true, storage: "memory" } }
    )
    const code = await toCodeStep(action)
    const limited = await action(code, form({ intent: "resend" }))
    expect(limited).toMatchObject({
      step: "code",
      email: "jo@example.com",
      alert: { code: "rate_limited", kind: "error" },
    })
    expect(limited.alert?.retryAfter).toBeGreaterThan(50)
    expect(limited.alert?.retryAfter).toBeLessThanOrEqual(60)
  })

  it("Link down is a coded state, never a throw", async () => {
    const { action } = setUp()
    await sim.fault({
      route: "lookup-email",
      kind: "status",
      status: 500,
      count: 1,
    })
    expect(
      await action(
        undefined,
        form({ intent: "start", email: "jo@example.com" })
      )
    ).toMatchObject({ step: "email", alert: { code: "link_unavailable" } })
  })
})
