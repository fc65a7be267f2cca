import { CredentialsSignin, MissingCSRF } from "@auth/core/errors"
import { describe, expect, it, vi } from "vitest"
import { LinkApiError } from "@login-with-link/core"
import {
  LinkCodeSent,
  LinkSignInFailed,
  LinkSignupRequired,
} from "../src/outcome-errors.js"
import { createLinkLogger, linkLogger } from "@login-with-link/core"

function capture(verbose = false) {
  const lines: [string, string][] = []
  const logger = createLinkLogger({
    verbose,
    sink: {
      error: (...data) => lines.push(["error", data.join(" ")]),
      warn: (...data) => lines.push(["warn", data.join(" ")]),
      debug: (...data) => lines.push(["debug", data.join(" ")]),
    },
  })
  return { logger, lines }
}

const sent = new LinkCodeSent({
  challenge: "c",
  redactedPhone: "+3*********90",
  expiresAt: 1,
  resendAt: 1,
  email: "jo@example.com",
})

describe("linkLogger", () => {
  it("does not log routine outcomes", () => {
    const { logger, lines } = capture()
    logger.error(sent)
    logger.error(
      new LinkSignupRequired({ signupUrl: "https://x.test", email: "a@b.co" })
    )
    for (const code of [
      "invalid_email",
      "invalid_code",
      "code_expired",
      "challenge_expired",
    ] as const) {
      logger.error(new LinkSignInFailed(code))
    }
    expect(lines).toEqual([])
  })

  it("logs routine outcomes as one-line debug messages when verbose", () => {
    const { logger, lines } = capture(true)
    logger.error(sent)
    logger.error(new LinkSignInFailed("invalid_code"))
    expect(lines).toEqual([
      ["debug", "[auth][link] code_sent"],
      ["debug", "[auth][link] invalid_code"],
    ])
  })

  it("logs signs of abuse as one-line warnings without a stack", () => {
    const { logger, lines } = capture()
    logger.error(new LinkSignInFailed("rate_limited", { retryAfter: 3 }))
    logger.error(new LinkSignInFailed("too_many_attempts"))
    logger.error(new LinkSignInFailed("challenge_invalid"))
    expect(lines).toEqual([
      ["warn", "[auth][link] rate_limited"],
      ["warn", "[auth][link] too_many_attempts"],
      ["warn", "[auth][link] challenge_invalid"],
    ])
  })

  it("logs link_unavailable as an error with the upstream detail", () => {
    const { logger, lines } = capture()
    const cause = new LinkApiError({
      status: 0,
      code: "LWL_LINK_TIMEOUT",
      message: "Link did not answer in time (authenticate)",
    })
    logger.error(new LinkSignInFailed("link_unavailable", { cause }))
    expect(lines).toEqual([
      [
        "error",
        "[auth][error] link_unavailable: LinkApiError LWL_LINK_TIMEOUT status 0: Link did not answer in time (authenticate)",
      ],
    ])
  })

  it("logs link_unavailable caused by a bug with the bug's stack", () => {
    const { logger, lines } = capture()
    logger.error(
      new LinkSignInFailed("link_unavailable", {
        cause: new RangeError("oops"),
      })
    )
    expect(lines[0]).toEqual([
      "error",
      "[auth][error] link_unavailable: RangeError: oops",
    ])
    expect(lines[1]![1]).toMatch(/^\[auth\]\[cause\]: RangeError: oops\n\s+at /)
  })

  it("logs every other error as Auth.js does, with its stack", () => {
    const { logger, lines } = capture()
    logger.error(new MissingCSRF("CSRF token was missing"))
    logger.error(new TypeError("a bug"))
    const other = new CredentialsSignin()
    logger.error(other)
    expect(
      lines.filter(([level]) => level === "error").length
    ).toBeGreaterThanOrEqual(6)
    expect(lines[0]![1]).toMatch(
      /^\[auth\]\[error\] MissingCSRF: CSRF token was missing/
    )
    expect(lines.some(([, text]) => text.includes("TypeError: a bug"))).toBe(
      true
    )
    expect(
      lines.some(([, text]) =>
        text.startsWith("[auth][error] CredentialsSignin")
      )
    ).toBe(true)
  })

  it("passes Auth.js warnings through", () => {
    const { logger, lines } = capture()
    logger.warn("debug-enabled")
    expect(lines).toEqual([
      [
        "warn",
        "[auth][warn][debug-enabled] Read more: https://warnings.authjs.dev",
      ],
    ])
  })

  it("the default linkLogger writes to the console it finds at call time", () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => {})
    linkLogger.error(new LinkSignInFailed("rate_limited"))
    expect(spy).toHaveBeenCalledWith("[auth][link] rate_limited")
    spy.mockRestore()
  })
})
