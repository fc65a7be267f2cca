// Every provider code, as the provider throws it and as next-auth wraps it when it does not
// recognise the error (two copies of @auth/core: CallbackRouteError, cause = { err, ...cause }),
// maps to a state the form renders; anything else is link_unavailable; Next.js's redirect passes.
import { beforeEach, describe, expect, it, vi } from "vitest"
import { CallbackRouteError, MissingSecret } from "@auth/core/errors"
import { redirect } from "next/navigation"
import {
  LinkCodeSent,
  LinkSignInFailed,
  LinkSignupRequired,
} from "@login-with-link/provider"
import { linkCodeStartsOver, type LinkErrorCode } from "@login-with-link/core"
import type { LinkSignInFunction } from "../src/server/index.js"
import { newBrowser } from "@login-with-link/test-helpers/next-headers"
import { createShop, JO, lastCode, post, stateOf } from "./shop.js"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

const CODES: LinkErrorCode[] = [
  "invalid_email",
  "invalid_code",
  "code_expired",
  "too_many_attempts",
  "rate_limited",
  "challenge_expired",
  "challenge_invalid",
  "link_unavailable",
]

/** next-auth's wrapping of an error it does not recognise as its own. */
const wrapped = (error: Error) =>
  // Auth.js passes the error itself as the first argument (its types say message or options).
  new CallbackRouteError(
    error as unknown as string,
    { provider: "link" } as ErrorOptions
  )

const shapes = {
  direct: (error: Error) => error,
  "wrapped in CallbackRouteError": wrapped,
}

/** A real sign-in in progress (so the code step has a challenge), then `signIn` fails as given. */
async function atCodeStep(): Promise<void> {
  const shop = createShop()
  await post(shop.signIn, { intent: "start", email: JO.email })
  void lastCode(shop.sim, JO.email)
}

const failing =
  (error: unknown): LinkSignInFunction =>
  async () => {
    throw error
  }

beforeEach(() => newBrowser())

describe.each(Object.entries(shapes))("provider errors, %s", (_, shape) => {
  it.each(CODES)(
    "%s at the email step: the email step says so",
    async (code) => {
      const error = new LinkSignInFailed(code, {
        retryAfter: code === "rate_limited" ? 42 : undefined,
        cause: new Error("upstream detail"),
      })
      const state = stateOf(
        await post(failing(shape(error)), { intent: "start", email: JO.email })
      )
      expect(state).toMatchObject({
        step: "email",
        email: JO.email,
        alert: { kind: "error", code, field: "email" },
      })
      expect(state.alert?.message.length).toBeGreaterThan(0)
      if (code === "rate_limited") expect(state.alert?.retryAfter).toBe(42)
    }
  )

  it.each(CODES)(
    "%s at the code step: stays, or starts over where the demo does",
    async (code) => {
      await atCodeStep()
      const error = new LinkSignInFailed(code, {
        attemptsLeft: code === "invalid_code" ? 2 : undefined,
      })
      const state = stateOf(
        await post(failing(shape(error)), { intent: "verify", code: "123456" })
      )
      // The demo's rules: a wrong or expired code, a wait, Link down stay; the rest starts over.
      const startsOver = linkCodeStartsOver(code)
      expect(startsOver).toBe(
        [
          "invalid_email",
          "too_many_attempts",
          "challenge_expired",
          "challenge_invalid",
        ].includes(code)
      )
      if (startsOver) {
        expect(state).toMatchObject({
          step: "email",
          email: JO.email,
          alert: { code, field: "email" },
        })
      } else {
        expect(state).toMatchObject({
          step: "code",
          email: JO.email,
          redactedPhone: JO.phone,
          alert: { code, field: code === "code_expired" ? "resend" : "code" },
        })
      }
      if (code === "invalid_code") expect(state.alert?.attemptsLeft).toBe(2)
    }
  )

  it.each(CODES)(
    "%s on resend: stays at the code step, or starts over",
    async (code) => {
      await atCodeStep()
      const state = stateOf(
        await post(failing(shape(new LinkSignInFailed(code))), {
          intent: "resend",
        })
      )
      expect(state.step).toBe(linkCodeStartsOver(code) ? "email" : "code")
      expect(state.alert?.kind).toBe("error")
    }
  )

  it("code_sent is the code step, from the provider's answer", async () => {
    const sent = new LinkCodeSent({
      challenge: "x.y.z.w.v",
      redactedPhone: "+1********12",
      expiresAt: Date.now() + 600_000,
      resendAt: Date.now() + 30_000,
      email: "sam@example.com",
    })
    const state = stateOf(
      await post(failing(shape(sent)), {
        intent: "start",
        email: "sam@example.com",
      })
    )
    expect(state).toMatchObject({
      step: "code",
      email: "sam@example.com",
      redactedPhone: "+1********12",
    })
  })

  it("signup_required is the invitation", async () => {
    const signup = new LinkSignupRequired({
      signupUrl: "https://link.test/signup?email=new%40example.com",
      email: "new@example.com",
    })
    const state = stateOf(
      await post(failing(shape(signup)), {
        intent: "start",
        email: "new@example.com",
      })
    )
    expect(state).toMatchObject({ step: "signup", email: "new@example.com" })
  })
})

describe("what is not the provider's", () => {
  it("another Auth.js error (a misconfiguration) is link_unavailable, given to the logger", async () => {
    const logged: Error[] = []
    const error = new MissingSecret("no secret")
    const state = stateOf(
      await post(
        failing(error),
        { intent: "start", email: JO.email },
        { options: { logger: { error: (e) => logged.push(e) } } }
      )
    )
    expect(state.alert?.code).toBe("link_unavailable")
    expect(logged).toEqual([error])
  })

  it("without a logger option, the failure goes to linkLogger (the console)", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {})
    try {
      const state = stateOf(
        await post(failing(new MissingSecret("no secret")), {
          intent: "start",
          email: JO.email,
        })
      )
      expect(state.alert?.code).toBe("link_unavailable")
      expect(log).toHaveBeenCalled()
    } finally {
      log.mockRestore()
    }
  })

  it("a bug (any thrown value) is link_unavailable, never a 500; the logger gets an Error", async () => {
    const logged: Error[] = []
    for (const thrown of [new TypeError("x is undefined"), "a string", null]) {
      const state = stateOf(
        await post(
          failing(thrown),
          { intent: "start", email: JO.email },
          { options: { logger: { error: (e) => logged.push(e) } } }
        )
      )
      expect(state.alert?.code).toBe("link_unavailable")
    }
    expect(logged.map((e) => e instanceof Error)).toEqual([true, true, true])
    expect(logged[1]?.message).toBe("a string")
  })

  it("Auth.js's error page URL instead of a sign-in is link_unavailable", async () => {
    const signIn: LinkSignInFunction = async () =>
      "http://shop.test/custom-auth/error?error=Configuration"
    await atCodeStep()
    const state = stateOf(
      await post(signIn, { intent: "verify", code: "123456" })
    )
    expect(state).toMatchObject({
      step: "code",
      alert: { code: "link_unavailable" },
    })
  })

  it("Next.js's redirect from inside signIn is never swallowed", async () => {
    const signIn: LinkSignInFunction = async () => redirect("/elsewhere")
    const answer = await post(signIn, { intent: "start", email: JO.email })
    expect(answer).toEqual({ kind: "redirect", location: "/elsewhere" })
  })
})
