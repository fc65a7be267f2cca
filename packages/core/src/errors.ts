/**
 * Errors: one base error for what goes wrong inside the library ({@link LoginWithLinkError}, a
 * literal `code` union, `cause` kept), its two kinds ({@link ChallengeError} for a refused
 * challenge, {@link LinkApiError} for a failed Link call), and {@link LinkSignInError} for what the
 * signing-in person may see (a lower_snake `code` that is safe to show).
 *
 * @module
 */
import { linkCodeInfo } from "./code-info.js"
import type { LinkErrorCode } from "./codes.js"

/** Codes of {@link LoginWithLinkError}: what went wrong inside the library. */
export type LoginWithLinkErrorCode =
  | "LWL_CHALLENGE_INVALID"
  | "LWL_CHALLENGE_EXPIRED"
  | "LWL_CHALLENGE_TOO_LARGE"
  | "LWL_CHALLENGE_FOREIGN"
  | "LWL_LINK_ERROR"
  | "LWL_LINK_TIMEOUT"
  | "LWL_LINK_NETWORK"
  | "LWL_LINK_ABORTED"
  | "LWL_LINK_MALFORMED"
  | "LWL_LINK_REPLAYED"

/**
 * The base error of this package. `code` is a literal union, so `switch (err.code)` narrows.
 *
 * @example
 * ```ts
 * try { await unsealChallenge(challenge, options) }
 * catch (err) { if (err instanceof LoginWithLinkError && err.code === "LWL_CHALLENGE_EXPIRED") … }
 * ```
 */
export class LoginWithLinkError<
  C extends string = LoginWithLinkErrorCode,
> extends Error {
  /** What went wrong, as a stable literal. */
  readonly code: C
  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = "LoginWithLinkError" // subclasses set their own literal name
  }
}

/** Why a sealed challenge was refused. */
export type ChallengeErrorCode = Extract<
  LoginWithLinkErrorCode,
  `LWL_CHALLENGE_${string}`
>

/**
 * A sealed challenge was refused: tampered, truncated, garbage, oversized, expired, or sealed for
 * another publishable key / API URL. Never carries the challenge's contents.
 */
export class ChallengeError extends LoginWithLinkError<ChallengeErrorCode> {
  // A literal, not the class's name: bundlers mangle class names (logs read "gn" otherwise).
  override name = "ChallengeError"
}

/** Error codes Link (after Stripe) sends on a failure. */
export type LinkUpstreamErrorCode =
  | "consumer_verification_code_invalid"
  | "consumer_verification_expired"
  | "consumer_verification_max_attempts_exceeded"
  | "consumer_session_expired"
  | "consumer_session_credentials_invalid"
  | "rate_limit"
  | "invalid_public_key"
  | "parameter_missing"
  | "parameter_invalid"
  | "api_error"

/**
 * The `code` of a {@link LinkApiError}: Link's own code when it sent one, else ours:
 * `LWL_LINK_ERROR` (a failure with no code, e.g. `errorMessage` only), `LWL_LINK_TIMEOUT`,
 * `LWL_LINK_NETWORK`, `LWL_LINK_ABORTED` (the caller's signal), `LWL_LINK_MALFORMED` (an answer
 * that is not what the API documents; the message says what, never with a value from it),
 * `LWL_LINK_REPLAYED` (Link accepted a challenge that had already signed someone in).
 */
export type LinkApiErrorCode =
  | LinkUpstreamErrorCode
  | "LWL_LINK_ERROR"
  | "LWL_LINK_TIMEOUT"
  | "LWL_LINK_NETWORK"
  | "LWL_LINK_ABORTED"
  | "LWL_LINK_MALFORMED"
  | "LWL_LINK_REPLAYED"
  | (string & {})

/**
 * A Link API call failed. `status` is the HTTP status (0 when there was no response). The message
 * is Link's (or ours), with the `client_secret` and the code removed, and never includes a body.
 */
export class LinkApiError extends LoginWithLinkError<LinkApiErrorCode> {
  /** HTTP status, or 0 for a timeout, network failure or abort. */
  readonly status: number
  /** Seconds to wait, from the `Retry-After` header, when Link sent one. */
  readonly retryAfter?: number
  /** Wrong-code attempts left, when Link said. */
  readonly attemptsLeft?: number
  /** The request parameter Link complained about (`parameter_missing`/`parameter_invalid`). */
  readonly param?: string
  // A literal, not the class's name: bundlers mangle class names (logs read "gn" otherwise).
  override name = "LinkApiError"
  constructor(init: {
    status: number
    code: LinkApiErrorCode
    message: string
    retryAfter?: number
    attemptsLeft?: number
    param?: string
    cause?: unknown
  }) {
    super(init.code, init.message, { cause: init.cause })
    this.status = init.status
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter
    if (init.attemptsLeft !== undefined) this.attemptsLeft = init.attemptsLeft
    if (init.param !== undefined) this.param = init.param
  }
}

const SIGN_IN_ERROR = Symbol.for("login-with-link.sign-in-error")

/**
 * A sign-in step failed in a way the person may be told about. `code` is safe to show (with
 * `linkErrorCopy[code]`); the detail (the upstream error, with no secret or code in it) is in
 * `cause`, for the server log. Recognise it with {@link isLinkSignInError}, which also works across
 * two copies of this package.
 */
export class LinkSignInError extends LoginWithLinkError<LinkErrorCode> {
  /** For `rate_limited` (and `too_many_attempts` when known): seconds until a retry may work. */
  readonly retryAfter?: number
  /**
   * For `invalid_code` after a wrong code: the tries left, Link's number when it says one, else
   * counted per Link session (never in conceal mode).
   */
  readonly attemptsLeft?: number
  override name = "LinkSignInError"
  constructor(
    code: LinkErrorCode,
    init: { retryAfter?: number; attemptsLeft?: number; cause?: unknown } = {}
  ) {
    super(
      code,
      linkCodeInfo[code].message,
      init.cause === undefined ? undefined : { cause: init.cause }
    )
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter
    if (init.attemptsLeft !== undefined) this.attemptsLeft = init.attemptsLeft
    Object.defineProperty(this, SIGN_IN_ERROR, { value: true })
  }
}

/**
 * Whether a value is a {@link LinkSignInError}, recognised by a brand rather than `instanceof`, so
 * that an error from another copy of this package (two versions installed side by side) counts.
 */
export function isLinkSignInError(value: unknown): value is LinkSignInError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[SIGN_IN_ERROR] === true
  )
}
