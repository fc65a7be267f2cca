/**
 * Errors: one base error for what goes wrong inside the library ({@link LoginWithLinkError}, a
 * literal `code` union, `cause` kept), and {@link LinkSignInError} for what the signing-in person
 * may see (a lower_snake `code` that is safe to show).
 *
 * @module
 */

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

/** What a person may be told (the `code` of {@link LinkSignInError}). */
export type LinkErrorCode =
  | "invalid_email"
  | "invalid_code"
  | "code_expired"
  | "too_many_attempts"
  | "rate_limited"
  | "challenge_expired"
  | "challenge_invalid"
  | "link_unavailable"

/** Every `code` that `authorize()` may answer with: the failures, and the two "next step" codes. */
export type LinkSignInCode = LinkErrorCode | "code_sent" | "signup_required"

const SIGN_IN_CODES: ReadonlySet<string> = new Set<LinkSignInCode>([
  "invalid_email",
  "invalid_code",
  "code_expired",
  "too_many_attempts",
  "rate_limited",
  "challenge_expired",
  "challenge_invalid",
  "link_unavailable",
  "code_sent",
  "signup_required",
])

/**
 * Whether a value is one of this provider's sign-in codes, e.g. the `code` of an Auth.js error
 * redirect (`?error=CredentialsSignin&code=invalid_code`) or of a caught `AuthError`.
 *
 * @example
 * ```ts
 * const code = searchParams.get("code")
 * if (isLinkSignInCode(code)) show(linkErrorCopy[code])
 * ```
 */
export function isLinkSignInCode(code: unknown): code is LinkSignInCode {
  return typeof code === "string" && SIGN_IN_CODES.has(code)
}

const SIGN_IN_MESSAGES: Record<LinkErrorCode, string> = {
  invalid_email: "The email address is not valid",
  invalid_code: "The code is not right",
  code_expired: "The code has expired",
  too_many_attempts: "Too many attempts",
  rate_limited: "Too many requests",
  challenge_expired: "The sign-in attempt has expired",
  challenge_invalid: "The sign-in attempt is not valid",
  link_unavailable: "Link is unavailable",
}

const SIGN_IN_ERROR = Symbol.for("login-with-link.sign-in-error")

/**
 * A sign-in step failed in a way the person may be told about. `code` is safe to show; details
 * (the upstream error, with no secret or code in it) are in `cause` for the server log.
 * Recognise it with {@link isLinkSignInError}, which also works across copies of this package.
 */
export class LinkSignInError extends Error {
  /** What a person may be told, as a stable literal. */
  readonly code: LinkErrorCode
  /** For `rate_limited` (and `too_many_attempts` when known): seconds until a retry may work. */
  readonly retryAfter?: number
  /** For `invalid_code`, when Link says how many attempts are left. */
  readonly attemptsLeft?: number
  constructor(
    code: LinkErrorCode,
    init: { retryAfter?: number; attemptsLeft?: number; cause?: unknown } = {}
  ) {
    super(
      SIGN_IN_MESSAGES[code],
      init.cause === undefined ? undefined : { cause: init.cause }
    )
    this.name = "LinkSignInError"
    this.code = code
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
