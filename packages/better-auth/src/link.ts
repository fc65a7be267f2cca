/**
 * TEMPORARY: the core's one list of sign-in codes, until `@login-with-link/core` exports it as
 * `LINK_SIGN_IN_CODES`; then this file goes and `error-codes.ts` imports the list from the core.
 *
 * @module
 */
import type { LinkSignInCode } from "@login-with-link/core"

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
] as const satisfies readonly LinkSignInCode[]
