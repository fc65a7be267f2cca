/**
 * What the shop takes from the Login with Link packages: the same-origin path check, the sign-in
 * codes and their copy. (One import site, so the shop follows the packages in one place.)
 * @module
 */
import type { LinkSignInCode } from "@login-with-link/provider"

export {
  isLinkSignInCode,
  linkErrorCopy,
  safeCallbackUrl,
  type LinkSignInCode,
} from "@login-with-link/provider"

const STARTS_OVER: ReadonlySet<LinkSignInCode> = new Set([
  "challenge_expired",
  "challenge_invalid",
  "too_many_attempts",
])

/** Whether the sign-in in progress is over after this code: back to the email step. */
export function linkCodeStartsOver(code: LinkSignInCode): boolean {
  return STARTS_OVER.has(code)
}
