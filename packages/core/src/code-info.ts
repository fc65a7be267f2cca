/**
 * `linkCodeInfo`: everything a code means, for the code that shows it, logs it or answers it over
 * HTTP. The facts a form acts on come from `codes.ts`; the server's (a developer message, the HTTP
 * status, the log level) are written here, so they stay out of the browser.
 *
 * @module
 */
import {
  LINK_CODE_FACTS,
  LINK_SIGN_IN_CODES,
  type LinkSignInCode,
} from "./codes.js"

/** What a code means, for the code that shows it, logs it or answers it over HTTP. */
export interface LinkCodeInfo {
  /** `outcome`: a next step (not an error); `error`: a failure the person may be told about. */
  kind: "outcome" | "error"
  /**
   * Who answers with it: `steps`, core's sign-in steps (a `LinkSignInError`'s code, or a next
   * step); `framework`, only the framework's side (the OAuth callback, the app's account rule).
   */
  from: "steps" | "framework"
  /** Whether a sign-in through Link's OAuth page may end with it ({@link LinkOAuthErrorCode}). */
  oauth: boolean
  /** A short English message for developers and logs (the person sees `linkErrorCopy`). */
  message: string
  /** The HTTP status that fits the code when a step is answered over HTTP. */
  httpStatus: 200 | 400 | 429 | 503
  /**
   * How a log treats it: `routine` (a normal sign-in: no line), `notable` (expected, but a sign of
   * abuse when frequent: one warning line), `failure` (something is broken: an error line).
   */
  log: "routine" | "notable" | "failure"
  /**
   * Where a person on the code step goes after this answer: `stay` on the code step (a wrong or
   * expired code, a limit, Link down: the challenge still works), or `start_over` from the email
   * (the challenge can no longer be used).
   */
  codeStep: "stay" | "start_over"
}

/** The server's facts of each code: its developer message, HTTP status and log level. */
const SERVER_FACTS = {
  code_sent: {
    message: "A sign-in code was sent by SMS",
    httpStatus: 200,
    log: "routine",
  },
  signup_required: {
    message: "This email is not on Link",
    httpStatus: 200,
    log: "routine",
  },
  invalid_email: {
    message: "The email address is not valid",
    httpStatus: 400,
    log: "routine",
  },
  invalid_code: {
    message: "The code is not right",
    httpStatus: 400,
    log: "routine",
  },
  code_expired: {
    message: "The code has expired",
    httpStatus: 400,
    log: "routine",
  },
  too_many_attempts: {
    message: "Too many attempts",
    httpStatus: 429,
    log: "notable",
  },
  rate_limited: {
    message: "Too many requests",
    httpStatus: 429,
    log: "notable",
  },
  human_check_required: {
    message:
      "Past the per-email send limit: a human check (the verifyHuman hook) must pass first",
    httpStatus: 429,
    log: "notable",
  },
  challenge_expired: {
    message: "The sign-in attempt has expired",
    httpStatus: 400,
    log: "routine",
  },
  challenge_invalid: {
    message: "The sign-in attempt is not valid",
    httpStatus: 400,
    log: "notable",
  },
  link_unavailable: {
    message: "Link is unavailable",
    httpStatus: 503,
    log: "failure",
  },
  oauth_denied: {
    message: "The person declined on Link's sign-in page",
    httpStatus: 400,
    log: "routine",
  },
  oauth_failed: {
    message:
      "The sign-in through Link's page cannot be finished (a wrong, replayed or foreign code or state, a PKCE mismatch)",
    httpStatus: 400,
    // Once is a stale tab; often is someone forging callbacks.
    log: "notable",
  },
  account_not_linked: {
    message:
      "The email belongs to a user created another way; Link is not joined to it",
    httpStatus: 400,
    log: "notable",
  },
} satisfies Record<
  LinkSignInCode,
  Pick<LinkCodeInfo, "message" | "httpStatus" | "log">
>

/** What each code means: the one table of facts about the codes, keyed by `LINK_SIGN_IN_CODES`. */
export const linkCodeInfo: Readonly<Record<LinkSignInCode, LinkCodeInfo>> =
  Object.freeze(
    Object.fromEntries(
      LINK_SIGN_IN_CODES.map((code) => [
        code,
        { ...LINK_CODE_FACTS[code], ...SERVER_FACTS[code] },
      ])
    ) as Record<LinkSignInCode, LinkCodeInfo>
  )
