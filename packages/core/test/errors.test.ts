import { describe, expect, it } from "vitest"
import { linkErrorCopy } from "../src/copy.js"
import {
  ChallengeError,
  isLinkSignInCode,
  isLinkSignInError,
  LinkSignInError,
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
