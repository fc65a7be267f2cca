import { CredentialsSignin } from "@auth/core/errors"
import { describe, expect, it } from "vitest"
import {
  LinkCodeSent,
  LinkSignInError,
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
    const limited = new LinkSignInError("rate_limited", { retryAfter: 9 })
    expect(limited).toBeInstanceOf(CredentialsSignin)
    expect(limited).toMatchObject({
      code: "rate_limited",
      retryAfter: 9,
      name: "LinkSignInError",
    })
    expect(
      new LinkSignInError("invalid_code", { attemptsLeft: 2 }).attemptsLeft
    ).toBe(2)
  })

  it("keep a cause where Auth.js's logger looks for it", () => {
    const cause = new Error("upstream")
    expect(new LinkSignInError("link_unavailable", { cause }).cause).toEqual({
      err: cause,
    })
  })
})
