import { CredentialsSignin } from "@auth/core/errors"
import { describe, expect, it } from "vitest"
import { linkErrorCopy } from "../src/copy.js"
import {
  ChallengeError,
  isLinkSignInCode,
  LinkCodeSent,
  LinkSignInError,
  LinkSignupRequired,
  LoginWithLinkError,
  type LinkSignInCode,
} from "../src/errors.js"

const ALL: LinkSignInCode[] = [
  "code_sent",
  "signup_required",
  "invalid_email",
  "invalid_code",
  "code_expired",
  "too_many_attempts",
  "rate_limited",
  "challenge_expired",
  "challenge_invalid",
  "link_unavailable",
]

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

  it("isLinkSignInCode accepts exactly the codes", () => {
    for (const code of ALL) expect(isLinkSignInCode(code)).toBe(true)
    for (const value of [
      "credentials",
      "CredentialsSignin",
      "",
      null,
      1,
      "__proto__",
      "toString",
    ]) {
      expect(isLinkSignInCode(value)).toBe(false)
    }
  })

  it("every code has plain copy: a message and a next action", () => {
    expect(Object.keys(linkErrorCopy).sort()).toEqual([...ALL].sort())
    for (const code of ALL) {
      expect(linkErrorCopy[code].message).toMatch(/^[A-Z].+\.$/)
      expect(linkErrorCopy[code].action).toMatch(/^[A-Z].+\.$/)
    }
  })
})

describe("LoginWithLinkError", () => {
  it("has a literal code, a name, and keeps its cause", () => {
    const cause = new Error("jose")
    const error = new ChallengeError("LWL_CHALLENGE_EXPIRED", "expired", {
      cause,
    })
    expect(error).toBeInstanceOf(LoginWithLinkError)
    expect(error).toMatchObject({
      code: "LWL_CHALLENGE_EXPIRED",
      name: "ChallengeError",
      cause,
    })
  })
})

describe("error names survive minification", () => {
  it("are literals, not the (mangled) class names", async () => {
    const { LinkApiError } = await import("../src/client.js")
    const source = await import("node:fs").then((fs) =>
      ["errors.ts", "client.ts"]
        .map((f) =>
          fs.readFileSync(new URL(`../src/${f}`, import.meta.url), "utf8")
        )
        .join("\n")
    )
    expect(source).not.toContain("new.target.name")
    expect(
      new LinkApiError({ status: 0, code: "LWL_LINK_TIMEOUT", message: "x" })
        .name
    ).toBe("LinkApiError")
    expect(new ChallengeError("LWL_CHALLENGE_INVALID", "x").name).toBe(
      "ChallengeError"
    )
    expect(new LoginWithLinkError("LWL_LINK_ERROR", "x").name).toBe(
      "LoginWithLinkError"
    )
  })
})
