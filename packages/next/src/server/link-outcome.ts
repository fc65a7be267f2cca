/**
 * Until `@login-with-link/provider` exports them: `readLinkOutcome` (what a caught sign-in error
 * means, also when Auth.js wrapped it in `CallbackRouteError`) and the two rules derived from the
 * one list of codes. This file goes when the provider has them.
 *
 * @module
 */
import {
  LinkCodeSent,
  LinkSignInError,
  LinkSignupRequired,
  isLinkSignInCode,
  type LinkErrorCode,
} from "@login-with-link/provider"

/** A code was sent: the code step. */
export interface LinkCodeSentOutcome {
  status: "code_sent"
  challenge: string
  redactedPhone: string
  expiresAt: number
  resendAt: number
  email: string
}

/** The email is not on Link: the sign-up invitation. */
export interface LinkSignupOutcome {
  status: "signup_required"
  signupUrl: string
  email: string
}

/** A failure the person may be told about. */
export interface LinkErrorOutcome {
  status: "error"
  code: LinkErrorCode
  retryAfter?: number
  attemptsLeft?: number
}

export type LinkOutcome =
  LinkCodeSentOutcome | LinkSignupOutcome | LinkErrorOutcome

const ERROR_CODES = new Set<string>([
  "invalid_email",
  "invalid_code",
  "code_expired",
  "too_many_attempts",
  "rate_limited",
  "challenge_expired",
  "challenge_invalid",
  "link_unavailable",
])

function direct(error: unknown): LinkOutcome | undefined {
  if (error instanceof LinkCodeSent)
    return {
      status: "code_sent",
      challenge: error.challenge,
      redactedPhone: error.redactedPhone,
      expiresAt: error.expiresAt,
      resendAt: error.resendAt,
      email: error.email,
    }
  if (error instanceof LinkSignupRequired)
    return {
      status: "signup_required",
      signupUrl: error.signupUrl,
      email: error.email,
    }
  if (error instanceof LinkSignInError) {
    const outcome: LinkErrorOutcome = { status: "error", code: error.code }
    if (error.retryAfter !== undefined) outcome.retryAfter = error.retryAfter
    if (error.attemptsLeft !== undefined)
      outcome.attemptsLeft = error.attemptsLeft
    return outcome
  }
  return undefined
}

/**
 * What a caught sign-in error means, or `undefined` when it is not ours (rethrow it: it may be
 * Next.js's redirect).
 */
export function readLinkOutcome(error: unknown): LinkOutcome | undefined {
  const outcome = direct(error)
  if (outcome) return outcome
  if (typeof error === "object" && error !== null && "cause" in error) {
    const cause = (error as { cause?: unknown }).cause
    if (typeof cause === "object" && cause !== null && "err" in cause)
      return direct((cause as { err?: unknown }).err)
  }
  return undefined
}

const STARTS_OVER = new Set<string>([
  "challenge_expired",
  "challenge_invalid",
  // Link has given up on this code; the copy says to start again with the email.
  "too_many_attempts",
])

const KEEPS_CODE_STEP = new Set<string>([
  "invalid_code",
  "code_expired",
  "rate_limited",
  "link_unavailable",
])

/** At the code step, this code keeps the person there (a wrong code, a hiccup). */
export function linkCodeKeepsCodeStep(code: unknown): boolean {
  return typeof code === "string" && KEEPS_CODE_STEP.has(code)
}

/** At the code step, this code ends the sign-in: back to the email step. */
export function linkCodeStartsOver(code: unknown): boolean {
  return typeof code === "string" && STARTS_OVER.has(code)
}

/** Whether `code` is one of the failure codes (not `code_sent` / `signup_required`). */
export function isLinkErrorCode(code: unknown): code is LinkErrorCode {
  return isLinkSignInCode(code) && ERROR_CODES.has(code)
}
