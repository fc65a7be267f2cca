/**
 * Mode `oidc`: sign-in through the hosted Login with Link page with Better Auth's own
 * `genericOAuth` plugin. The shop only starts the flow (`/sign-in/social`) and shows Better Auth's
 * error redirect in words; the callback (`/api/auth/callback/login-with-link`) is Better Auth's.
 * @module
 */
import type { Hono } from "hono"
import type { AuthCalls } from "./auth-calls.js"
import { OIDC_PROVIDER_ID } from "./auth.js"
import { safeReturnTo } from "./return-to.js"
import { registerSignInErrorPage, startSocialSignIn } from "./social.js"

/** What the OIDC routes need. */
export interface OidcRoutesOptions {
  calls: AuthCalls
  logError: (message: string, error: unknown) => void
}

/** Adds `/login` (to the hosted page) and `/login/error` (Better Auth's error redirect). */
export function registerOidcRoutes(app: Hono, options: OidcRoutesOptions) {
  const { calls } = options

  app.get("/login", async (c) => {
    const returnTo = safeReturnTo(c.req.query("return_to"))
    if (await calls.session(c)) return c.redirect(returnTo, 302)
    return startSocialSignIn(c, calls, OIDC_PROVIDER_ID, returnTo)
  })

  registerSignInErrorPage(app, options)
}
