/**
 * Mode `oidc`: sign-in through the hosted Login with Link page with Better Auth's own
 * `genericOAuth` plugin. The shop only starts the flow (`/sign-in/social`) and shows Better Auth's
 * error redirect in words; the callback (`/api/auth/callback/login-with-link`) is Better Auth's.
 * @module
 */
import type { Hono } from "hono"
import type { AuthCalls } from "./auth-calls.js"
import { forwardCookies } from "./auth-calls.js"
import { OIDC_PROVIDER_ID } from "./auth.js"
import { safeReturnTo } from "./return-to.js"
import { SHOP_ERRORS, shopError } from "./shop-errors.js"
import { messagePage } from "./views.js"

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
    const answer = await calls.call<{ url?: string }>(c, "/sign-in/social", {
      method: "POST",
      body: {
        provider: OIDC_PROVIDER_ID,
        callbackURL: returnTo,
        errorCallbackURL: "/login/error",
        disableRedirect: true,
      },
    })
    if (answer.status === 429)
      return c.html(
        messagePage(undefined, {
          title: "Please wait a moment",
          error: {
            code: "rate_limited",
            message: "Too many tries in a short time.",
            action: "Wait a moment, then try again.",
          },
        }),
        429
      )
    if (answer.status !== 200 || typeof answer.data?.url !== "string")
      throw new Error(
        `Better Auth could not start the sign-in (${answer.status}): is the hosted page (LINK_ISSUER) up?`
      )
    forwardCookies(c, answer.headers)
    return c.redirect(answer.data.url, 302)
  })

  // Better Auth sends failed callbacks here with ?error=<code>.
  app.get("/login/error", async (c) => {
    const error = c.req.query("error") ?? "unknown"
    const cancelled = error === "access_denied"
    // A user with this email exists and came in another way: not joined on Link's word alone.
    const notLinked = error === "account_not_linked"
    if (!cancelled && !notLinked)
      options.logError("better-auth-shop: the OIDC sign-in failed", {
        error: error.slice(0, 100),
        description: c.req.query("error_description")?.slice(0, 300),
      })
    const code = cancelled
      ? "signin_cancelled"
      : notLinked
        ? "account_not_linked"
        : "signin_failed"
    return c.html(
      messagePage(await calls.session(c), {
        title: cancelled ? "Sign-in cancelled" : "Sign-in failed",
        error: shopError(code),
      }),
      SHOP_ERRORS[code].status
    )
  })
}
