/**
 * The quiet logger with the core's own errors: levels from the code table, the detail of a failure
 * from `cause`, and the same outcome unwrapped from an Auth.js-style CallbackRouteError. (The
 * provider's suite checks it with Auth.js's own error classes.)
 */
import { describe, expect, it } from "vitest"
import { LinkApiError, LinkSignInError } from "../src/errors.js"
import { createLinkLogger } from "../src/logger.js"

function capture(verbose = false) {
  const lines: string[] = []
  const logger = createLinkLogger({
    verbose,
    sink: {
      error: (...data) => lines.push(`error ${data.join(" ")}`),
      warn: (...data) => lines.push(`warn ${data.join(" ")}`),
      debug: (...data) => lines.push(`debug ${data.join(" ")}`),
    },
  })
  return { logger, lines }
}

const upstream = new LinkApiError({
  status: 0,
  code: "LWL_LINK_TIMEOUT",
  message: "Link did not answer in time (lookup-email)",
})

/** What next-auth builds when our error fails its instanceof (another @auth/core copy). */
function wrapped(error: Error) {
  return Object.assign(new Error("Read more at https://errors.authjs.dev"), {
    type: "CallbackRouteError",
    cause: { err: error },
  })
}

describe("createLinkLogger with the core's errors", () => {
  it("keeps routine codes out of the log, and says them in one debug line when verbose", () => {
    const quiet = capture()
    quiet.logger.error(new LinkSignInError("invalid_code"))
    expect(quiet.lines).toEqual([])
    const verbose = capture(true)
    verbose.logger.error(new LinkSignInError("invalid_code"))
    expect(verbose.lines).toEqual(["debug [auth][link] invalid_code"])
  })

  it("logs signs of abuse as one warning, with the limit that was reached", () => {
    const { logger, lines } = capture()
    logger.error(
      new LinkSignInError("rate_limited", {
        retryAfter: 9,
        cause: new Error("the lookupTotal limit was reached"),
      })
    )
    expect(lines).toEqual([
      "warn [auth][link] rate_limited (Error: the lookupTotal limit was reached)",
    ])
  })

  it("logs link_unavailable as an error with the upstream detail, wrapped or not", () => {
    for (const error of [
      new LinkSignInError("link_unavailable", { cause: upstream }),
      wrapped(new LinkSignInError("link_unavailable", { cause: upstream })),
    ]) {
      const { logger, lines } = capture()
      logger.error(error)
      expect(lines).toEqual([
        "error [auth][error] link_unavailable: LinkApiError LWL_LINK_TIMEOUT status 0: Link did not answer in time (lookup-email)",
      ])
    }
  })

  it("reads the OAuth path's failures (an Auth.js OAuthCallbackError with our code) by the same table", () => {
    const oauthError = (code: string) =>
      Object.assign(new Error(`Link OAuth sign-in failed: ${code}`), {
        type: "OAuthCallbackError",
        code,
        cause: { err: { endpoint: "token", status: 400 } },
      })
    const { logger, lines } = capture()
    logger.error(oauthError("oauth_denied")) // routine: the person declined
    logger.error(oauthError("oauth_failed"))
    logger.error(wrapped(oauthError("account_not_linked")))
    expect(lines).toEqual([
      "warn [auth][link] oauth_failed",
      "warn [auth][link] account_not_linked",
    ])
    // Auth.js's own OAuthCallbackError (no code of ours) is logged as any other error.
    const other = capture()
    other.logger.error(oauthError("something_else"))
    expect(other.lines[0]).toBe(
      "error [auth][error] OAuthCallbackError: Link OAuth sign-in failed: something_else"
    )
  })
})
