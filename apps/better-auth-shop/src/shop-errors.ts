/**
 * The shop's own refusals: one list with the HTTP status and the words a person sees. (Link's
 * codes are worded by core's `linkErrorText`, the plugin's own by its `linkPluginErrorCopy`.)
 * @module
 */
import { linkPluginErrorCopy } from "@login-with-link/better-auth/client"

/** Each refusal the shop itself makes: status, what happened, what to do next. */
export const SHOP_ERRORS = {
  cross_site_request: {
    status: 403,
    message: "This form was sent from another site.",
    action: "Go back to the shop and try again from there.",
  },
  body_too_large: {
    status: 413,
    message: "That was more than this form accepts.",
    action: "Go back and try again.",
  },
  signin_expired: {
    status: 400,
    message: "This sign-in has expired or was started in another browser.",
    action: "Start again with your email.",
  },
  signin_cancelled: {
    status: 400,
    message: "You cancelled signing in. Nothing was shared.",
    action: "Sign in again whenever you like.",
  },
  signin_failed: {
    status: 400,
    message: "We could not confirm the sign-in.",
    action: "Please try again.",
  },
  // Better Auth's account_not_linked on an OAuth callback: the plugin's words for the same case.
  account_not_linked: {
    status: 403,
    ...linkPluginErrorCopy.account_not_linked,
  },
  not_found: {
    status: 404,
    message: "There is nothing at this address.",
    action: "Go back to the shop.",
  },
  unavailable: {
    status: 503,
    message: "The shop could not complete that just now.",
    action: "Please try again in a minute.",
  },
} as const satisfies Record<
  string,
  { status: 400 | 403 | 404 | 413 | 503; message: string; action: string }
>

/** A code of {@link SHOP_ERRORS}. */
export type ShopErrorCode = keyof typeof SHOP_ERRORS

/** The page error for a shop code. */
export function shopError(code: ShopErrorCode) {
  const { message, action } = SHOP_ERRORS[code]
  return { code, message, action }
}
