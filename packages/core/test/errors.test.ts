import { describe, expect, it } from "vitest"
import {
  isLinkErrorCode,
  isLinkOAuthErrorCode,
  isLinkSignInCode,
  LINK_SIGN_IN_CODES,
  linkCodeKeepsCodeStep,
  linkCodeStartsOver,
  type LinkSignInCode,
} from "../src/codes.js"
import { linkCodeInfo } from "../src/code-info.js"
import { linkErrorCopy } from "../src/copy.js"
import {
  ChallengeError,
  isLinkSignInError,
  LinkApiError,
  LinkSignInError,
  LoginWithLinkError,
} from "../src/errors.js"

/** The codes as documented (the README's table): the list must say exactly these. */
const ALL: LinkSignInCode[] = [
  "code_sent",
  "signup_required",
  "invalid_email",
  "invalid_code",
  "code_expired",
  "too_many_attempts",
  "rate_limited",
  "human_check_required",
  "challenge_expired",
  "challenge_invalid",
  "link_unavailable",
  "oauth_denied",
  "oauth_failed",
  "account_not_linked",
]

describe("the one list of codes", () => {
  it("is the documented codes, and every fact table is keyed by it", () => {
    expect([...LINK_SIGN_IN_CODES]).toEqual(ALL)
    expect(Object.keys(linkCodeInfo)).toEqual(ALL)
    expect(Object.keys(linkErrorCopy).sort()).toEqual([...ALL].sort())
  })

  it("says which codes are outcomes, which are the steps' failures and which only the framework's side answers", () => {
    expect(ALL.filter((code) => linkCodeInfo[code].kind === "outcome")).toEqual(
      ["code_sent", "signup_required"]
    )
    expect(
      ALL.filter((code) => linkCodeInfo[code].from === "framework")
    ).toEqual(["oauth_denied", "oauth_failed", "account_not_linked"])
    // A LinkSignInError's codes: the steps' failures, not the OAuth path's or the account rule's.
    expect(ALL.filter(isLinkErrorCode)).toEqual([
      "invalid_email",
      "invalid_code",
      "code_expired",
      "too_many_attempts",
      "rate_limited",
      "human_check_required",
      "challenge_expired",
      "challenge_invalid",
      "link_unavailable",
    ])
    expect(isLinkErrorCode("nope")).toBe(false)
  })

  it("says which codes a sign-in through Link's OAuth page may end with", () => {
    expect(ALL.filter(isLinkOAuthErrorCode)).toEqual([
      "link_unavailable",
      "oauth_denied",
      "oauth_failed",
      "account_not_linked",
    ])
    for (const value of [
      "invalid_code",
      "OAuthCallbackError",
      "",
      null,
      "toString",
    ])
      expect(isLinkOAuthErrorCode(value)).toBe(false)
  })

  it("derives the code step rules: stay for a wrong or expired code, a limit or Link down", () => {
    expect(ALL.filter(linkCodeKeepsCodeStep)).toEqual([
      "code_sent",
      "invalid_code",
      "code_expired",
      "rate_limited",
      "human_check_required",
      "link_unavailable",
    ])
    expect(
      ALL.filter((code) => isLinkErrorCode(code) && linkCodeStartsOver(code))
    ).toEqual([
      "invalid_email",
      "too_many_attempts",
      "challenge_expired",
      "challenge_invalid",
    ])
    // The OAuth path's failures end the attempt: a new one starts at Link's page.
    expect(
      ALL.filter(
        (code) => isLinkOAuthErrorCode(code) && linkCodeStartsOver(code)
      )
    ).toEqual(["oauth_denied", "oauth_failed", "account_not_linked"])
    for (const code of ALL)
      expect(linkCodeStartsOver(code)).toBe(!linkCodeKeepsCodeStep(code))
    // Anything else (a forged state, another provider's code) starts over.
    expect(linkCodeStartsOver("CredentialsSignin")).toBe(true)
    expect(linkCodeKeepsCodeStep(undefined)).toBe(false)
  })

  it("gives each failure an HTTP status: 400 for input, 429 for limits, 503 when Link is down", () => {
    const status = Object.fromEntries(
      ALL.map((code) => [code, linkCodeInfo[code].httpStatus])
    )
    expect(status).toEqual({
      code_sent: 200,
      signup_required: 200,
      invalid_email: 400,
      invalid_code: 400,
      code_expired: 400,
      too_many_attempts: 429,
      rate_limited: 429,
      human_check_required: 429,
      challenge_expired: 400,
      challenge_invalid: 400,
      link_unavailable: 503,
      oauth_denied: 400,
      oauth_failed: 400,
      account_not_linked: 400,
    })
  })
})

describe("errors a person can see", () => {
  it("LinkSignInError has the code, retryAfter, attemptsLeft and the cause", () => {
    const cause = new Error("upstream")
    const limited = new LinkSignInError("rate_limited", { retryAfter: 9 })
    expect(limited).toBeInstanceOf(Error)
    expect(limited).toMatchObject({
      code: "rate_limited",
      retryAfter: 9,
      name: "LinkSignInError",
    })
    expect(
      new LinkSignInError("invalid_code", { attemptsLeft: 2 }).attemptsLeft
    ).toBe(2)
    expect(new LinkSignInError("link_unavailable", { cause }).cause).toBe(cause)
  })

  it("isLinkSignInError recognises the brand, not the class", () => {
    expect(isLinkSignInError(new LinkSignInError("invalid_code"))).toBe(true)
    const foreign = Object.assign(new Error("x"), { code: "invalid_code" })
    expect(isLinkSignInError(foreign)).toBe(false)
    expect(isLinkSignInError(null)).toBe(false)
    expect(isLinkSignInError("invalid_code")).toBe(false)
    // Another copy of the package brands with the same registered symbol.
    const other = new Error("other copy")
    Object.defineProperty(other, Symbol.for("login-with-link.sign-in-error"), {
      value: true,
    })
    expect(isLinkSignInError(other)).toBe(true)
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
