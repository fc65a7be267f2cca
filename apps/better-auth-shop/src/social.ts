/**
 * What the two redirect ways in share (the hosted page over OpenID Connect, Link's own OAuth
 * page): asking Better Auth for the provider's authorization URL (`/sign-in/social`), and the page
 * Better Auth sends failed callbacks to (`/login/error?error=<code>`), in words.
 * @module
 */
import type { Context, Hono } from "hono"
import type { AuthCalls } from "./auth-calls.js"
import { forwardCookies } from "./auth-calls.js"
import { SHOP_ERRORS, shopError } from "./shop-errors.js"
import { messagePage } from "./views.js"

/**
 * Redirects to the provider's sign-in page, with Better Auth's state cookie; back to `returnTo`
 * once signed in, to `/login/error` if not.
 */
export async function startSocialSignIn(
  c: Context,
  calls: AuthCalls,
  provider: string,
  returnTo: string
): Promise<Response> {
  const answer = await calls.call<{ url?: string }>(c, "/sign-in/social", {
    method: "POST",
    body: {
      provider,
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
      `Better Auth could not start the ${provider} sign-in (${answer.status})`
    )
  forwardCookies(c, answer.headers)
  return c.redirect(answer.data.url, 302)
}

/** `/login/error`: where Better Auth sends a failed callback, with `?error=<code>`. */
export function registerSignInErrorPage(
  app: Hono,
  options: {
    calls: AuthCalls
    logError: (message: string, error: unknown) => void
  }
) {
  app.get("/login/error", async (c) => {
    const error = c.req.query("error") ?? "unknown"
    const cancelled = error === "access_denied"
    // A user with this email exists and came in another way: not joined on Link's word alone.
    const notLinked = error === "account_not_linked"
    if (!cancelled && !notLinked)
      options.logError("better-auth-shop: the sign-in callback failed", {
        error: error.slice(0, 100),
        description: c.req.query("error_description")?.slice(0, 300),
      })
    const code = cancelled
      ? "signin_cancelled"
      : notLinked
        ? "account_not_linked"
        : "signin_failed"
    return c.html(
      messagePage(await options.calls.session(c), {
        title: cancelled ? "Sign-in cancelled" : "Sign-in failed",
        error: shopError(code),
      }),
      SHOP_ERRORS[code].status
    )
  })
}
