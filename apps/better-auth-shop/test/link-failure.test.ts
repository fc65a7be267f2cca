/**
 * How the shop reads the plugin's error answers: every UPPER_SNAKE code the plugin can send maps
 * to words, with the wait or the tries left; an answer without a known code still gets a code.
 */
import { describe, expect, test } from "vitest"
import {
  isLinkErrorCode,
  LINK_SIGN_IN_CODES,
  linkErrorCopy,
  linkErrorText,
} from "@login-with-link/core"
import { LOGIN_WITH_LINK_ERROR_CODES } from "@login-with-link/better-auth"
import { linkPluginErrorCopy } from "@login-with-link/better-auth/client"
import { linkFailureCopy, readLinkFailure } from "../src/link-routes.js"

const answer = (
  status: number,
  data: unknown,
  headers: Record<string, string> = {}
) => ({
  status,
  data,
  headers: new Headers(headers),
})

describe("the plugin's error answers, in words", () => {
  test("every code the plugin answers with has copy (none falls through to a default)", () => {
    for (const code of Object.keys(LOGIN_WITH_LINK_ERROR_CODES)) {
      if (code === "REQUEST_BODY_TOO_LARGE") continue // the shop refuses such bodies first
      const failure = readLinkFailure(answer(400, { code }), "start")
      expect(failure.code).toBe(code.toLowerCase())
      const copy = linkFailureCopy(failure)
      expect(copy.message.length).toBeGreaterThan(5)
      expect(copy.action.length).toBeGreaterThan(5)
    }
  })

  test("each of Link's error codes reads as itself with linkErrorCopy's words", () => {
    // The steps' own failures: the OAuth codes come from the framework, never from the plugin.
    const errors = LINK_SIGN_IN_CODES.filter(isLinkErrorCode)
    for (const code of errors) {
      const failure = readLinkFailure(
        answer(401, { code: code.toUpperCase() }),
        "verify"
      )
      expect(failure.code).toBe(code)
      expect(linkFailureCopy(failure).message).toBe(linkErrorCopy[code].message)
    }
  })

  test("tries left and the wait are core's linkErrorText, said once", () => {
    const wrong = readLinkFailure(
      answer(401, { code: "INVALID_CODE", attemptsLeft: 2 }),
      "verify"
    )
    expect(linkFailureCopy(wrong)).toEqual({
      code: "invalid_code",
      message: "That code is not right. You have 2 tries left.",
      action: linkErrorCopy.invalid_code.action,
    })
    const one = readLinkFailure(
      answer(401, { code: "INVALID_CODE", attemptsLeft: 1 }),
      "verify"
    )
    expect(linkFailureCopy(one).message).toBe(
      linkErrorText("invalid_code", { attemptsLeft: 1, part: "message" })
    )
    const limited = readLinkFailure(
      answer(429, { code: "RATE_LIMITED", retryAfter: 12 }),
      "start"
    )
    // The wait is in the message; the action does not say it again.
    expect(linkFailureCopy(limited)).toMatchObject({
      message: "Too many tries in a short time. Try again in 12 seconds.",
      action: "",
    })
  })

  test("the plugin's own codes get the plugin's words", () => {
    const failure = readLinkFailure(
      answer(403, { code: "ACCOUNT_NOT_LINKED" }),
      "verify"
    )
    expect(linkFailureCopy(failure)).toEqual({
      code: "account_not_linked",
      ...linkPluginErrorCopy.account_not_linked,
    })
  })

  test("Better Auth's own 429 (no code, X-Retry-After) is rate_limited with the wait", () => {
    const failure = readLinkFailure(
      answer(
        429,
        { message: "Too many requests. Please try again later." },
        { "x-retry-after": "7" }
      ),
      "start"
    )
    expect(failure).toMatchObject({
      code: "rate_limited",
      status: 429,
      retryAfter: 7,
    })
  })

  test("an unknown code is never shown raw: 5xx is link_unavailable, else the step's own code", () => {
    expect(readLinkFailure(answer(500, null), "verify").code).toBe(
      "link_unavailable"
    )
    expect(
      readLinkFailure(answer(400, { code: "VALIDATION_ERROR" }), "start").code
    ).toBe("invalid_email")
    expect(
      readLinkFailure(answer(400, { code: "<script>" }), "resend").code
    ).toBe("challenge_invalid")
    expect(
      readLinkFailure(answer(400, { code: "__proto__" }), "verify").code
    ).toBe("invalid_code")
    expect(readLinkFailure(answer(200, {}), "verify").status).toBe(400)
  })
})
