/**
 * What the shop takes from `@login-with-link/core`: the same-origin path check, the sign-in codes,
 * their copy (`linkErrorCopy`, `linkErrorText`), the phone's last digits and the rule for when a sign-in starts over. (One import site, so the shop follows
 * the package in one place.)
 * @module
 */
export {
  isLinkErrorCode,
  linkCodeStartsOver,
  linkErrorCopy,
  linkErrorText,
  redactedPhoneDigits,
  safeCallbackUrl,
  type LinkErrorCode,
} from "@login-with-link/core"
