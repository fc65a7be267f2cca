import { safeCallbackUrl } from "@login-with-link/provider"

/** Where to go after sign-in: a same-origin path, never the sign-in page, else the account page. */
export const afterSignIn = (value: unknown): string =>
  safeCallbackUrl(value, { fallback: "/account", exclude: ["/login"] })
