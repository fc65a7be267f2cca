/**
 * The words for the plugin's own failures (not Link's), as `linkErrorCopy` has them for Link's.
 * A module of its own, so that the browser's drivers load these few strings and not the plugin's
 * error table.
 *
 * @module
 */
import type { LinkErrorCopy } from "@login-with-link/core"
import type { LinkDriverCode } from "@login-with-link/core/form"

/** The failures only the plugin raises (not Link's), lower_snake as on a form's alert. */
export type LinkPluginErrorCode = LinkDriverCode

/**
 * The words for the plugin's own failures, as `linkErrorCopy` has them for Link's: what happened,
 * and what to do next.
 */
export const linkPluginErrorCopy: Readonly<
  Record<LinkPluginErrorCode, LinkErrorCopy>
> = Object.freeze({
  account_not_linked: {
    message:
      "An account with this email already exists and is not linked to Link.",
    action: "Sign in the way you usually do.",
  },
  sign_up_disabled: {
    message: "Signing up with Link is turned off for this site.",
    action: "Sign in with an account you already have.",
  },
  request_body_too_large: {
    message: "The request body is too large.",
    action: "Try again.",
  },
})
