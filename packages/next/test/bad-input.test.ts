// Bad input: a tampered, foreign, expired, oversized or missing challenge cookie, a forged
// previousState and hostile callbackUrls each get a coded answer and a clean start; none throws.
import { describe, expect, it, vi } from "vitest"
import { FORGED_FORM_STATES } from "@login-with-link/test-helpers"
import { linkSignIn } from "../src/server/index.js"
import {
  browserCookies,
  newBrowser,
  newRequest,
  plantCookie,
} from "@login-with-link/test-helpers/next-headers"
import { badCookies, JO, lastCode, post, stateOf, useShop } from "./shop.js"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

const shop = useShop()

const BAD_COOKIES = badCookies(shop)

describe.each(["verify", "resend"])(
  "%s with a bad challenge cookie",
  (intent) => {
    it.each(BAD_COOKIES)(
      "%s: %s, the email step, the cookie removed",
      async (_, make, code) => {
        const value = await make()
        newBrowser()
        plantCookie("link_signin", value)
        const state = stateOf(
          await post(shop.signIn, { intent, code: "000000" })
        )
        expect(state).toMatchObject({
          step: "email",
          alert: { kind: "error", code, field: "email" },
        })
        // Nothing of another person's challenge is shown.
        expect(state.email).not.toBe("mallory@example.com")
        expect(browserCookies().has("link_signin")).toBe(false)
        expect(shop.sim.state.outbox.list("mallory@example.com")).toHaveLength(
          0
        )
        // And a new start works at once.
        const again = stateOf(
          await post(shop.signIn, { intent: "start", email: JO.email })
        )
        expect(again.step).toBe("code")
      }
    )

    it("missing: challenge_expired at the email step", async () => {
      const state = stateOf(await post(shop.signIn, { intent, code: "000000" }))
      expect(state).toMatchObject({
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
      const state = await linkSignIn(shop.signIn)
      expect(state.step).toBe("email")
      expect(state.email).not.toBe("mallory@example.com")
    }
  )
})

describe("a forged previousState", () => {
  it.each(FORGED_FORM_STATES)(
    "%s: ignored; what is shown comes from the server",
    async (_, previous) => {
      await post(shop.signIn, { intent: "start", email: JO.email })
      const state = stateOf(
        await post(
          shop.signIn,
          {
            intent: "verify",
            code:
              lastCode(shop.sim, JO.email) === "111111" ? "222222" : "111111",
          },
          { previous }
        )
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
    const state = stateOf(await post(shop.signIn, { intent: "drop-tables" }))
    expect(state).toMatchObject({ step: "email", seq: 1 })
  })

  it("oversized fields are refused as empty", async () => {
    const state = stateOf(
      await post(shop.signIn, { intent: "start", email: "a".repeat(100_000) })
    )
    expect(state.alert?.code).toBe("invalid_email")
    expect(state.email.length).toBeLessThanOrEqual(320)
  })
})

/** The demo's hostile callbackUrls: each must land on the fallback, never off the origin. */
const HOSTILE = [
  "https://evil.example/",
  "http://evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%2F%2Fevil.example",
  "/%2fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "%252F%252Fevil.example",
  "https:evil.example",
  "http:/evil.example",
  " //evil.example",
  "/login/..//evil.example",
  "checkout",
  "/login",
  "/login?callbackUrl=/account",
]

describe("hostile callbackUrls", () => {
  it("are 24 distinct variants", () => {
    expect(new Set(HOSTILE).size).toBe(24)
  })

  it.each(HOSTILE)(
    "%j: signed in, sent to the fallback on the same origin",
    async (variant) => {
      await post(shop.signIn, {
        intent: "start",
        email: JO.email,
        callbackUrl: variant,
      })
      const answer = await post(
        shop.signIn,
        {
          intent: "verify",
          code: lastCode(shop.sim, JO.email),
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

  it("a hostile one in the page's address (the Referer) is refused too", async () => {
    await post(shop.signIn, { intent: "start", email: JO.email })
    const answer = await post(
      shop.signIn,
      { intent: "verify", code: lastCode(shop.sim, JO.email) },
      { referer: "http://shop.test/login?callbackUrl=%2F%2Fevil.example" }
    )
    expect(answer).toEqual({ kind: "redirect", location: "/" })
  })
})

describe("resume (another tab changed the sign-in)", () => {
  it("reads the state as it is: no SMS, even with an email posted", async () => {
    const state = stateOf(
      await post(shop.signIn, { intent: "resume", email: JO.email })
    )
    expect(state).toMatchObject({ step: "email", email: JO.email, seq: 1 })
    expect(state.alert).toBeUndefined()
    expect(shop.sim.state.outbox.list()).toHaveLength(0)
  })

  it("an unknown intent with an email or a code runs no step", async () => {
    await post(shop.signIn, {
      intent: "bogus",
      email: JO.email,
      code: "000000",
    })
    expect(shop.sim.state.outbox.list()).toHaveLength(0)
  })

  it("a sign-in in progress: its code step", async () => {
    await post(shop.signIn, { intent: "start", email: JO.email })
    const state = stateOf(await post(shop.signIn, { intent: "resume" }))
    expect(state).toMatchObject({ step: "code", email: JO.email })
    expect(shop.sim.state.outbox.list()).toHaveLength(1)
  })
})
