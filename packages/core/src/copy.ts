/**
 * Plain-English copy for every sign-in code: what happened, and what the person can do next.
 * One constant object, so a shop can translate or restyle it in one place.
 *
 * @module
 */
import type { LinkSignInCode } from "./codes.js"

/** The words a person sees for a code: what happened, then what to do next. */
export interface LinkErrorCopy {
  message: string
  action: string
}

/**
 * UI copy for each {@link LinkSignInCode}.
 *
 * @example
 * ```tsx
 * const { message, action } = linkErrorCopy[error.code]
 * return <p role="alert">{message} {action}</p>
 * ```
 */
export const linkErrorCopy: Readonly<Record<LinkSignInCode, LinkErrorCopy>> =
  Object.freeze({
    code_sent: {
      message:
        "We sent a 6-digit code by text message to the phone on your Link account.",
      action: "Enter the code to sign in.",
    },
    signup_required: {
      message: "This email is not on Link yet.",
      action: "Create a Link account, then come back to sign in.",
    },
    invalid_email: {
      message: "That does not look like an email address.",
      action: "Check it and try again.",
    },
    invalid_code: {
      message: "That code is not right.",
      action: "Check the text message and enter the 6-digit code again.",
    },
    code_expired: {
      message: "That code has expired.",
      action: "Ask for a new code.",
    },
    too_many_attempts: {
      message: "Too many wrong codes.",
      action: "Wait a few minutes, then start again with your email.",
    },
    rate_limited: {
      message: "Too many tries in a short time.",
      action: "Wait a moment, then try again.",
    },
    challenge_expired: {
      message: "This sign-in has expired.",
      action: "Start again with your email.",
    },
    challenge_invalid: {
      message: "This sign-in could not be continued.",
      action: "Start again with your email.",
    },
    link_unavailable: {
      message: "Link is not answering right now.",
      action: "Try again in a minute.",
    },
  })
