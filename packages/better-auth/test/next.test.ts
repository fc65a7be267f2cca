/**
 * `linkSignIn(auth, state, formData)` of `@login-with-link/better-auth/next`: the whole sign-in
 * through the plugin's `auth.api`, as a server action runs it (Next's request scope stood in by
 * the test helpers), and every hostile input `@login-with-link/next`'s driver is tested with:
 * tampered, foreign, expired and oversized challenge cookies, a forged previousState, hostile
 * callbackUrls and bodies over 16 KB. Each gets a coded state; none throws.
 */
import { sealChallenge } from "@login-with-link/core"
import type { LinkFormState } from "@login-with-link/core/form"
import { badChallengeCookies, VARIANTS } from "@login-with-link/test-helpers"
import { describeHostileForm } from "@login-with-link/test-helpers/hostile-form-suite"
import {
  browserCookies,
  newBrowser,
  newRequest,
  setCookies,
} from "@login-with-link/test-helpers/next-headers"
import { isRedirectError } from "next/dist/client/components/redirect-error.js"
import { beforeEach, describe, expect, it, vi } from "vitest"
import { linkSignIn, type LinkSignInOptions } from "../src/next.js"
import { app, KEY, SECRET, useLink, devLinkOAuth } from "./harness.js"

vi.mock(
  "next/headers.js",
  () => import("@login-with-link/test-helpers/next-headers")
)

const { link, sim } = useLink()

const JO = { email: "jo@example.com", phone: "+3*********90" }
let shop: ReturnType<typeof app>
beforeEach(() => {
  shop = app(link)
  newBrowser()
})

type Answer =
  | { kind: "state"; state: LinkFormState }
  | { kind: "redirect"; location: string }

/** Post one form as a new request of the same browser. */
async function post(
  fields: Record<string, string>,
  init: {
    previous?: unknown
    proto?: "http" | "https"
    referer?: string
    options?: LinkSignInOptions
    auth?: ReturnType<typeof app>["auth"]
  } = {}
): Promise<Answer> {
  newRequest({
    ...(init.proto ? { proto: init.proto } : {}),
    ...(init.referer ? { referer: init.referer } : {}),
  })
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  try {
    const state = await linkSignIn(
      init.auth ?? shop.auth,
      init.previous,
      form,
      init.options
    )
    return { kind: "state", state }
  } catch (error) {
    if (isRedirectError(error))
      return { kind: "redirect", location: error.digest.split(";")[2] ?? "" }
    throw error
  }
}

function stateOf(answer: Answer): LinkFormState {
  if (answer.kind !== "state")
    throw new Error(`expected a state, got a redirect to ${answer.location}`)
  return answer.state
}

describe("the sign-in", () => {
  it("start: the code step from the sealed challenge, the challenge in an httpOnly cookie only", async () => {
    const state = stateOf(await post({ intent: "start", email: JO.email }))
    expect(state).toMatchObject({
      step: "code",
      email: JO.email,
      redactedPhone: JO.phone,
      alert: { code: "code_sent", kind: "info" },
    })
    const cookie = setCookies().find((c) => c.name === "link_signin")!
    expect(cookie.options).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    })
    expect(cookie.options.secure ?? false).toBe(false)
    expect(JSON.stringify(state)).not.toContain(cookie.value)
  })

  it("over https the cookie is __Host- and Secure", async () => {
    await post({ intent: "start", email: JO.email }, { proto: "https" })
    const cookie = setCookies().find((c) => c.name === "__Host-link_signin")!
    expect(cookie.options).toMatchObject({ secure: true, path: "/" })
  })

  it("the page renders the sign-in in progress (a reload, another tab, no JavaScript)", async () => {
    await post({ intent: "start", email: JO.email })
    newRequest()
    expect(await linkSignIn(shop.auth)).toMatchObject({
      step: "code",
      email: JO.email,
      seq: 0,
    })
  })

  it("a wrong code stays on the code step; the right one sets better-auth's session and redirects", async () => {
    await post({ intent: "start", email: JO.email })
    const wrong = stateOf(await post({ intent: "verify", code: "000001" }))
    expect(wrong).toMatchObject({
      step: "code",
      alert: { code: "invalid_code", field: "code" },
    })
    const right = await post({
      intent: "verify",
      code: await sim.code(JO.email),
      callbackUrl: "/orders?x=1",
    })
    expect(right).toEqual({ kind: "redirect", location: "/orders?x=1" })
    expect(browserCookies().has("link_signin")).toBe(false)
    const token = browserCookies().get("better-auth.session_token")
    expect(token).toBeDefined()
    const session = await shop.auth.api.getSession({
      headers: new Headers({ cookie: `better-auth.session_token=${token}` }),
    })
    expect(session?.user.email).toBe(JO.email)
  })

  it("the right code leaves the known-device cookie, and from that browser a stranger's lock does not hold", async () => {
    const locking = app(link, {
      rateLimit: undefined,
      resendCooldown: 0,
      rateLimits: { failuresPerEmail: { points: 3, windowMs: 6 * 3_600_000 } },
    })
    const signIn = async () => {
      stateOf(
        await post({ intent: "start", email: JO.email }, { auth: locking.auth })
      )
      return post(
        { intent: "verify", code: await sim.code(JO.email) },
        { auth: locking.auth }
      )
    }
    expect((await signIn()).kind).toBe("redirect")
    const device = setCookies().find((c) => c.name === "link_device")
    expect(device?.options).toMatchObject({ httpOnly: true, sameSite: "lax" })
    // A stranger, elsewhere, locks the email with three wrong codes.
    const sent = (await locking.auth.api.signInLinkStart({
      body: { email: JO.email },
    })) as { challenge: string }
    for (let i = 0; i < 3; i++)
      await locking.auth.api
        .signInLinkVerify({
          body: { challenge: sent.challenge, code: "000001" },
        })
        .catch(() => undefined)
    await expect(
      locking.auth.api.signInLinkStart({ body: { email: JO.email } })
    ).rejects.toMatchObject({ body: { code: "TOO_MANY_ATTEMPTS" } })
    // This browser still signs in.
    expect((await signIn()).kind).toBe("redirect")
  })

  it("the callbackUrl of the page's address counts when the form has none", async () => {
    await post({ intent: "start", email: JO.email })
    const right = await post(
      { intent: "verify", code: await sim.code(JO.email) },
      { referer: "http://shop.test/login?callbackUrl=%2Fcheckout" }
    )
    expect(right).toEqual({ kind: "redirect", location: "/checkout" })
  })

  it("resend inside the cooldown keeps the code step and says when", async () => {
    const sent = stateOf(await post({ intent: "start", email: JO.email }))
    const early = stateOf(await post({ intent: "resend" }))
    expect(early).toMatchObject({
      step: "code",
      alert: { code: "rate_limited", field: "resend" },
    })
    expect(early.resendAt).toBeGreaterThanOrEqual(sent.resendAt!)
  })

  it("someone not on Link gets the sign-up step, back to this page", async () => {
    const state = stateOf(
      await post(
        { intent: "start", email: "new@example.com" },
        { referer: "http://shop.test/login?callbackUrl=%2Fcart" }
      )
    )
    expect(state).toMatchObject({ step: "signup", email: "new@example.com" })
    const back = new URL(
      new URL(state.signupUrl!).searchParams.get("return_to")!
    )
    expect(back.origin + back.pathname).toBe("http://shop.test/login")
    expect(back.searchParams.get("email")).toBe("new@example.com")
  })

  it("a user another way in created is not joined: account_not_linked in words, start over", async () => {
    const { db } = shop
    db.user!.push({
      id: "pw",
      email: JO.email,
      name: "Jo",
      emailVerified: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    db.account!.push({
      id: "cred",
      userId: "pw",
      providerId: "credential",
      accountId: "pw",
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    await post({ intent: "start", email: JO.email })
    const state = stateOf(
      await post({ intent: "verify", code: await sim.code(JO.email) })
    )
    expect(state).toMatchObject({
      step: "email",
      email: JO.email,
      alert: {
        code: "account_not_linked",
        action: "Sign in the way you usually do.",
      },
    })
    expect(browserCookies().has("better-auth.session_token")).toBe(false)
  })

  it("change goes back to the email step, the challenge forgotten", async () => {
    await post({ intent: "start", email: JO.email })
    expect(stateOf(await post({ intent: "change" }))).toMatchObject({
      step: "email",
      email: JO.email,
    })
    expect(browserCookies().has("link_signin")).toBe(false)
  })

  it("the human check's token reaches the plugin's verifyHuman", async () => {
    const tokens: (string | undefined)[] = []
    const guarded = app(link, {
      rateLimit: undefined,
      rateLimits: { sendPerEmail: { points: 1, windowMs: 3_600_000 } },
      verifyHuman: (token) => {
        tokens.push(token)
        return token === "human-ok"
      },
    })
    await post({ intent: "start", email: JO.email }, { auth: guarded.auth })
    const asked = stateOf(
      await post({ intent: "start", email: JO.email }, { auth: guarded.auth })
    )
    expect(asked.alert?.code).toBe("human_check_required")
    const passed = stateOf(
      await post(
        { intent: "start", email: JO.email, human_token: "human-ok" },
        { auth: guarded.auth }
      )
    )
    expect(passed.step).toBe("code")
    expect(tokens).toEqual([undefined, "human-ok"])
  })
})

describeHostileForm({
  post,
  render: () => linkSignIn(shop.auth),
  badCookies: badChallengeCookies({
    async real() {
      await post({ intent: "start", email: JO.email })
      return browserCookies().get("link_signin")!
    },
    seal: sealChallenge,
    key: KEY,
    secret: SECRET,
    apiUrl: () => link.apiUrl,
    email: JO.email,
  }),
  person: JO,
  code: (email) => sim.code(email),
  async watchLink() {
    const calls = await sim.calls()
    return async () => expect(await sim.calls()).toBe(calls)
  },
  callbackUrls: [...new Set([...VARIANTS, "checkout", "/login"])],
})

describe("Continue with Link (intent=oauth)", () => {
  it("redirects to Link's page with the key, better-auth's OAuth state cookie set", async () => {
    const withOAuth = app(
      link,
      {},
      {
        plugins: [devLinkOAuth(link)],
      }
    )
    const answer = await post(
      { intent: "oauth", callbackUrl: "/orders" },
      { auth: withOAuth.auth }
    )
    if (answer.kind !== "redirect") throw new Error("expected a redirect")
    const to = new URL(answer.location)
    expect(to.origin + to.pathname).toBe(`${link.oauthUrl}/auth`)
    expect(to.searchParams.get("key")).toBe(KEY)
    expect(setCookies().some((c) => c.name.includes("state"))).toBe(true)
  })

  it("without Link's OAuth provider set up: a coded state, no throw", async () => {
    expect(stateOf(await post({ intent: "oauth" }))).toMatchObject({
      step: "email",
      alert: { code: "link_unavailable" },
    })
  })
})

describe("bodies over 16 KB", () => {
  it.each(["email", "code", "callbackUrl", "human_token"])(
    "a %s of 20 KB is refused as empty: a coded state, no Link call",
    async (name) => {
      const calls = await sim.calls()
      const huge = "a".repeat(20 * 1024)
      const state = stateOf(
        await post({
          intent: name === "code" ? "verify" : "start",
          email: name === "email" ? huge : "",
          [name]: huge,
        })
      )
      expect(state.step).toBe("email")
      expect(state.alert?.code).toMatch(/^(invalid_email|challenge_expired)$/)
      expect(state.email.length).toBeLessThanOrEqual(320)
      expect(await sim.calls()).toBe(calls)
    }
  )
})
