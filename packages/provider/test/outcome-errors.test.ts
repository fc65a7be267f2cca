import { CallbackRouteError, CredentialsSignin } from "@auth/core/errors"
import { describe, expect, it } from "vitest"
import {
  isLinkOutcomeError,
  outcomeErrorsFor,
  LinkCodeSent,
  LinkSignInFailed,
  LinkSignupRequired,
} from "../src/outcome-errors.js"

describe("errors a person can see", () => {
  it("are CredentialsSignin with the right code and properties", () => {
    const sent = new LinkCodeSent({
      challenge: "c",
      redactedPhone: "+1********23",
      expiresAt: 2,
      resendAt: 1,
      email: "a@b.co",
    })
    expect(sent).toBeInstanceOf(CredentialsSignin)
    expect(sent).toMatchObject({
      code: "code_sent",
      type: "CredentialsSignin",
      name: "LinkCodeSent",
      challenge: "c",
      redactedPhone: "+1********23",
      expiresAt: 2,
      resendAt: 1,
      email: "a@b.co",
    })
    const invite = new LinkSignupRequired({
      signupUrl: "https://x.test/signup",
      email: "a@b.co",
    })
    expect(invite).toBeInstanceOf(CredentialsSignin)
    expect(invite).toMatchObject({
      code: "signup_required",
      signupUrl: "https://x.test/signup",
    })
    const limited = new LinkSignInFailed("rate_limited", { retryAfter: 9 })
    expect(limited).toBeInstanceOf(CredentialsSignin)
    expect(limited).toMatchObject({
      code: "rate_limited",
      retryAfter: 9,
      name: "LinkSignInFailed",
    })
    expect(
      new LinkSignInFailed("invalid_code", { attemptsLeft: 2 }).attemptsLeft
    ).toBe(2)
  })

  it("keep the detail where Auth.js's logger looks for it, out of the way of its wrapping", () => {
    const detail = new Error("upstream")
    const error = new LinkSignInFailed("link_unavailable", { cause: detail })
    expect(error.cause?.err).toBe(detail)
    // next-auth wraps errors of another @auth/core copy as { err: e, ...e.cause }: ours survives.
    const wrapped = new CallbackRouteError(error as unknown as string)
    expect(wrapped.cause?.err).toBe(error)
    expect(Object.keys(error.cause ?? {})).toEqual([])
  })

  it("carry the brand that readLinkOutcome and the logger recognise", () => {
    for (const error of [
      new LinkCodeSent({
        challenge: "c",
        redactedPhone: "p",
        expiresAt: 1,
        resendAt: 1,
        email: "a@b.co",
      }),
      new LinkSignupRequired({ signupUrl: "https://x.test", email: "a@b.co" }),
      new LinkSignInFailed("invalid_code"),
    ]) {
      expect(isLinkOutcomeError(error)).toBe(true)
      expect(
        (error as unknown as Record<symbol, unknown>)[
          Symbol.for("login-with-link.outcome")
        ]
      ).toBe(true)
      // Not enumerable: not copied by a spread, not in JSON.
      expect(Object.keys(error)).not.toContain(
        "Symbol(login-with-link.outcome)"
      )
    }
    expect(isLinkOutcomeError(new CredentialsSignin())).toBe(false)
  })

  it("an outcome carried out of authorize() has no stack to capture; failures keep theirs", () => {
    const limit = Error.stackTraceLimit
    const errors = outcomeErrorsFor(CredentialsSignin)
    const sent = errors.thrown({
      status: "code_sent",
      challenge: "c",
      redactedPhone: "p",
      expiresAt: 1,
      resendAt: 1,
      email: "a@b.co",
    })
    expect(sent).toBeInstanceOf(LinkCodeSent)
    expect(sent.stack).not.toMatch(/\n\s+at /)
    expect(Error.stackTraceLimit).toBe(limit)
    expect(new LinkSignInFailed("invalid_code").stack).toMatch(/\n\s+at /)
  })
})
