/**
 * `linkSignIn(auth, state, formData)` of `@login-with-link/better-auth/next`: the whole sign-in
 * through the plugin's `auth.api`, as a server action runs it (Next's request scope stood in by
 * the test helpers), and every hostile input `@login-with-link/next`'s driver is tested with:
 * tampered, foreign, expired and oversized challenge cookies, a forged previousState, hostile
 * callbackUrls and bodies over 16 KB. Each gets a coded state; none throws.
 */
import { sealChallenge } from "@login-with-link/core"
import type { LinkFormState } from "@login-with-link/core/form"
import type { RunningSimulator } from "@login-with-link/simulator"
import {
  badChallengeCookies,
  FORGED_FORM_STATES,
  VARIANTS,
} from "@login-with-link/test-helpers"
import {
  browserCookies,
  newBrowser,
  newRequest,
  plantCookie,
  setCookies,
} from "@login-with-link/test-helpers/next-headers"
import { isRedirectError } from "next/dist/client/components/redirect-error.js"
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest"
import { genericOAuth } from "better-auth/plugins"
import { linkOAuthConfig } from "../src/index.js"
import { linkSignIn, type LinkSignInOptions } from "../src/next.js"
import { app, control, KEY, SECRET, simulator } from "./harness.js"

vi.mock(
  "next/headers.js",
  () => import("@login-with-link/test-helpers/next-headers")
)

let link: RunningSimulator
let sim: ReturnType<typeof control>
beforeAll(async () => {
  link = await simulator()
  sim = control(link)
})
afterAll(() => link.close())

const JO = { email: "jo@example.com", phone: "+3*********90" }
let shop: ReturnType<typeof app>
beforeEach(async () => {
  await sim.reset()
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

const BAD_COOKIES = badChallengeCookies({
  async real() {
    await post({ intent: "start", email: JO.email })
    return browserCookies().get("link_signin")!
  },
  seal: sealChallenge,
  key: KEY,
  secret: SECRET,
  apiUrl: () => link.apiUrl,
  email: JO.email,
})

describe.each(["verify", "resend"])(
  "%s with a bad challenge cookie",
  (intent) => {
    it.each(BAD_COOKIES)(
      "%s: %s, the email step, the cookie removed",
      async (_, make, code) => {
        const value = await make()
        newBrowser()
        plantCookie("link_signin", value)
        const calls = await sim.calls()
        const state = stateOf(await post({ intent, code: "000000" }))
        expect(state).toMatchObject({
          step: "email",
          alert: { kind: "error", code, field: "email" },
        })
        // Nothing of another person's challenge is shown, and Link was not asked.
        expect(state.email).not.toBe("mallory@example.com")
        expect(await sim.calls()).toBe(calls)
        expect(browserCookies().has("link_signin")).toBe(false)
        // And a new start works at once.
        expect(
          stateOf(await post({ intent: "start", email: JO.email })).step
        ).toBe("code")
      }
    )

    it("missing: challenge_expired at the email step", async () => {
      expect(stateOf(await post({ intent, code: "000000" }))).toMatchObject({
        step: "email",
        email: "",
        alert: { code: "challenge_expired" },
      })
    })
  }
)

describe("rendering with a bad cookie", () => {
  it.each(BAD_COOKIES)(
    "%s: the email step, nothing of it shown",
    async (_, make) => {
      const value = await make()
      newBrowser()
      plantCookie("link_signin", value)
      newRequest()
      const state = await linkSignIn(shop.auth)
      expect(state.step).toBe("email")
      expect(state.email).not.toBe("mallory@example.com")
    }
  )
})

describe("a forged previousState", () => {
  it.each(FORGED_FORM_STATES)(
    "%s: ignored; what is shown comes from the server",
    async (_, previous) => {
      await post({ intent: "start", email: JO.email })
      const state = stateOf(
        await post({ intent: "verify", code: "000001" }, { previous })
      )
      expect(state).toMatchObject({
        step: "code",
        email: JO.email,
        redactedPhone: JO.phone,
      })
      expect(state.signupUrl).toBeUndefined()
      expect(Number.isSafeInteger(state.seq) && state.seq >= 1).toBe(true)
      expect(state.seq).toBeLessThanOrEqual(1_000_001)
    }
  )

  it("a form from nowhere (unknown intent, no fields) answers the current step", async () => {
    expect(stateOf(await post({ intent: "drop-tables" }))).toMatchObject({
      step: "email",
      seq: 1,
    })
  })
})

describe("Continue with Link (intent=oauth)", () => {
  it("redirects to Link's page with the key, better-auth's OAuth state cookie set", async () => {
    const withOAuth = app(
      link,
      {},
      {
        plugins: [
          genericOAuth({
            config: [
              linkOAuthConfig({
                clientId: "shop_dev",
                clientSecret: "shop_dev_secret",
                publishableKey: KEY,
                url: link.oauthUrl,
                apiUrl: link.oauthUrl,
              }),
            ],
          }),
        ],
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

describe("hostile callbackUrls", () => {
  const HOSTILE = [...new Set([...VARIANTS, "checkout", "/login"])]

  it.each(HOSTILE)(
    "%j: signed in, sent to the fallback on the same origin",
    async (variant) => {
      await post({ intent: "start", email: JO.email, callbackUrl: variant })
      const answer = await post(
        {
          intent: "verify",
          code: await sim.code(JO.email),
          callbackUrl: variant,
        },
        {
          options: {
            callbackUrl: { fallback: "/account", exclude: ["/login"] },
          },
        }
      )
      expect(answer).toEqual({ kind: "redirect", location: "/account" })
    }
  )
})
