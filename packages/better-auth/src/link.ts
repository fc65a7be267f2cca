/**
 * TEMPORARY: the plain-outcome sign-in steps of `@login-with-link/core`, adapted from the
 * provider's throwing `createLinkSignIn`. Deleted when `@login-with-link/core` lands; every other
 * file imports what it needs from here until then.
 *
 * @module
 */
import {
  createLinkSignIn as createThrowingSteps,
  LinkCodeSent,
  LinkSignInError,
  LinkSignupRequired,
  linkErrorCopy,
  type LinkErrorCode,
  type LinkSignInContext,
  type LinkUser,
  type LoginWithLinkOptions,
  type RateLimiter,
  type RateLimitResult,
  type RateLimitRule,
  type ResolvedOptions,
} from "@login-with-link/provider"

export { LinkSignInError, linkErrorCopy }
export type {
  LinkErrorCode,
  LinkSignInContext,
  LinkUser,
  LoginWithLinkOptions,
  RateLimiter,
  RateLimitResult,
  RateLimitRule,
}

export const LINK_SIGN_IN_CODES = [
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
] as const

export interface LinkCodeSentOutcome {
  status: "code_sent"
  challenge: string
  redactedPhone: string
  expiresAt: number
  resendAt: number
  email: string
}
export interface LinkSignupOutcome {
  status: "signup_required"
  signupUrl: string
  email: string
}
export type LinkStartOutcome = LinkCodeSentOutcome | LinkSignupOutcome

export interface LinkSignIn {
  start(email: string, ctx?: LinkSignInContext): Promise<LinkStartOutcome>
  resend(
    challenge: string,
    ctx?: LinkSignInContext
  ): Promise<LinkCodeSentOutcome>
  finish(
    challenge: string,
    code: string,
    ctx?: LinkSignInContext
  ): Promise<LinkUser>
  readonly options: Readonly<ResolvedOptions>
}

export const isLinkSignInError = (value: unknown): value is LinkSignInError =>
  value instanceof LinkSignInError

function outcome(error: unknown): LinkStartOutcome {
  if (error instanceof LinkCodeSent) {
    return {
      status: "code_sent",
      challenge: error.challenge,
      redactedPhone: error.redactedPhone,
      expiresAt: error.expiresAt,
      resendAt: error.resendAt,
      email: error.email,
    }
  }
  if (error instanceof LinkSignupRequired) {
    return {
      status: "signup_required",
      signupUrl: error.signupUrl,
      email: error.email,
    }
  }
  throw error
}

export function createLinkSignIn(options: LoginWithLinkOptions): LinkSignIn {
  const steps = createThrowingSteps(options)
  return {
    options: steps.options,
    start: (email, ctx) => steps.start(email, ctx).catch(outcome),
    resend: (challenge, ctx) =>
      steps.resend(challenge, ctx).catch((error: unknown) => {
        const result = outcome(error)
        if (result.status !== "code_sent") throw error
        return result
      }),
    finish: (challenge, code, ctx) => steps.finish(challenge, code, ctx),
  }
}
