/**
 * The `CredentialsSignin` subclasses that `authorize()` throws for what the signing-in person may
 * see (a lower_snake `code` that is safe to show): Auth.js's way of carrying an outcome out of a
 * Credentials provider. The core's plain outcomes and errors are turned into these here.
 *
 * @module
 */
import { CredentialsSignin } from "@auth/core/errors"
import type { LinkErrorCode } from "@login-with-link/core"

/**
 * The code was sent by SMS: render the code form. Thrown by the start and resend steps.
 * `challenge` is opaque and sealed; send it back with the code (hidden field or httpOnly cookie).
 */
export class LinkCodeSent extends CredentialsSignin {
  override code = "code_sent" as const
  /** The sealed state to post back with the code. Opaque, encrypted, expires with the code. */
  readonly challenge: string
  /** The phone the code went to, redacted by Link, e.g. `+3*********90`. */
  readonly redactedPhone: string
  /** When the code (and the challenge) expires, in ms since the epoch. */
  readonly expiresAt: number
  /** When a resend is allowed, in ms since the epoch. */
  readonly resendAt: number
  /** The normalised email the code was sent for. */
  readonly email: string
  constructor(init: {
    challenge: string
    redactedPhone: string
    expiresAt: number
    resendAt: number
    email: string
  }) {
    super("A sign-in code was sent by SMS")
    this.name = "LinkCodeSent"
    this.challenge = init.challenge
    this.redactedPhone = init.redactedPhone
    this.expiresAt = init.expiresAt
    this.resendAt = init.resendAt
    this.email = init.email
  }
}

/** The email is not on Link: invite the person to sign up at `signupUrl`. */
export class LinkSignupRequired extends CredentialsSignin {
  override code = "signup_required" as const
  /** Where the person can create a Link account, with `email` (and `return_to`) filled in. */
  readonly signupUrl: string
  /** The normalised email that is not on Link. */
  readonly email: string
  constructor(init: { signupUrl: string; email: string }) {
    super("This email is not on Link")
    this.name = "LinkSignupRequired"
    this.signupUrl = init.signupUrl
    this.email = init.email
  }
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

/**
 * A sign-in step failed in a way the person may be told about. `code` is safe to show; details
 * (the upstream error, with no secret or code in it) are in `cause` for the server log.
 */
export class LinkSignInError extends CredentialsSignin {
  override code: LinkErrorCode
  /** For `rate_limited` (and `too_many_attempts` when known): seconds until a retry may work. */
  readonly retryAfter?: number
  /** For `invalid_code`, when Link says how many attempts are left. */
  readonly attemptsLeft?: number
  constructor(
    code: LinkErrorCode,
    init: { retryAfter?: number; attemptsLeft?: number; cause?: unknown } = {}
  ) {
    // Auth.js's default logger prints `cause.err` with its stack: keep the detail there.
    super(
      SIGN_IN_MESSAGES[code],
      init.cause === undefined ? undefined : { cause: { err: init.cause } }
    )
    this.name = "LinkSignInError"
    this.code = code
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter
    if (init.attemptsLeft !== undefined) this.attemptsLeft = init.attemptsLeft
  }
}
