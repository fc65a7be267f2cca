import {
  safeCallbackUrl,
  type SafeCallbackUrlOptions,
} from "@login-with-link/core"

/** Where to go after sign-in: a same-origin path, never the sign-in page, else the account page. */
export const AFTER_SIGN_IN: SafeCallbackUrlOptions = {
  fallback: "/account",
  exclude: ["/login"],
}

export const afterSignIn = (value: unknown): string =>
  safeCallbackUrl(value, AFTER_SIGN_IN)
