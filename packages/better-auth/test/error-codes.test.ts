import {
  isLinkErrorCode,
  LINK_SIGN_IN_CODES,
  LinkSignInError,
} from "@login-with-link/core"
import { describe, expect, it } from "vitest"
import { linkAPIError } from "../src/api-error.js"
import {
  LOGIN_WITH_LINK_ERROR_CODES,
  LOGIN_WITH_LINK_ERROR_STATUS,
} from "../src/index.js"

describe("$ERROR_CODES", () => {
  it("has one UPPER_SNAKE code for each of the core's failure codes, plus the plugin's own", () => {
    const fromCore = LINK_SIGN_IN_CODES.filter(isLinkErrorCode).map((code) =>
      code.toUpperCase()
    )
    expect(Object.keys(LOGIN_WITH_LINK_ERROR_CODES).sort()).toEqual(
      [
        ...fromCore,
        "ACCOUNT_NOT_LINKED",
        "SIGN_UP_DISABLED",
        "REQUEST_BODY_TOO_LARGE",
      ].sort()
    )
    for (const [key, value] of Object.entries(LOGIN_WITH_LINK_ERROR_CODES)) {
      expect(key).toMatch(/^[A-Z_]+$/)
      expect(value.code).toBe(key)
      expect(value.message.length).toBeGreaterThan(5)
    }
  })

  it("gives every code a status: the core's (400 input, 429 limits, 503 Link), 401 for a code or challenge that does not check out, 403 policy, 413 size", () => {
    expect(LOGIN_WITH_LINK_ERROR_STATUS).toEqual({
      INVALID_EMAIL: "BAD_REQUEST",
      INVALID_CODE: "UNAUTHORIZED",
      CODE_EXPIRED: "UNAUTHORIZED",
      CHALLENGE_EXPIRED: "UNAUTHORIZED",
      CHALLENGE_INVALID: "UNAUTHORIZED",
      TOO_MANY_ATTEMPTS: "TOO_MANY_REQUESTS",
      RATE_LIMITED: "TOO_MANY_REQUESTS",
      HUMAN_CHECK_REQUIRED: "TOO_MANY_REQUESTS",
      LINK_UNAVAILABLE: "SERVICE_UNAVAILABLE",
      ACCOUNT_NOT_LINKED: "FORBIDDEN",
      SIGN_UP_DISABLED: "FORBIDDEN",
      REQUEST_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
    })
  })

  it("carries the core error's attemptsLeft and retryAfter (as Retry-After too), never its cause", () => {
    const wrong = linkAPIError(
      new LinkSignInError("invalid_code", {
        attemptsLeft: 3,
        cause: new Error("upstream detail"),
      })
    )
    expect(wrong.statusCode).toBe(401)
    expect(wrong.body).toEqual({
      code: "INVALID_CODE",
      message: LOGIN_WITH_LINK_ERROR_CODES.INVALID_CODE.message,
      attemptsLeft: 3,
    })
    const limited = linkAPIError(
      new LinkSignInError("rate_limited", { retryAfter: 42 })
    )
    expect(limited.statusCode).toBe(429)
    expect(limited.body).toMatchObject({ code: "RATE_LIMITED", retryAfter: 42 })
    expect(new Headers(limited.headers).get("retry-after")).toBe("42")
  })
})
