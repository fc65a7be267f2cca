/**
 * The Corner Store: a Hono app that signs people in through the hosted Login with Link page
 * (OIDC, openid-client) and keeps them signed in with its own signed-cookie session.
 * @module
 */
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { csrf } from "hono/csrf"
import { HTTPException } from "hono/http-exception"
import { safeCallbackUrl } from "@login-with-link/core"
import {
  createLinkOAuthClient,
  type LinkOAuthClientOptions,
} from "./link-oauth.js"
import { createOidcClient, type OidcClientOptions } from "./oidc.js"
import { createSessions } from "./session.js"
import { accountPage, errorPage, homePage } from "./views.js"

/** What every mode of the shop needs. */
interface ShopBaseOptions {
  /** The shop's public base URL (the redirect URI is `<baseUrl>/callback`). No trailing slash. */
  baseUrl: string
  /** HMAC key of the shop's cookies (at least 32 characters). */
  sessionSecret: string
  /** Where unexpected errors are logged. @default console.error */
  logError?: (message: string, error: unknown) => void
}

/**
 * Options of {@link createShopApp}: mode `oidc` (the default) signs in through the hosted Login
 * with Link page over OpenID Connect; mode `oauth` through Link's own OAuth page (login.link.com).
 */
export type ShopOptions = ShopBaseOptions &
  (
    | ({ mode?: "oidc" } & OidcClientOptions)
    | { mode: "oauth"; oauth: LinkOAuthClientOptions }
  )

/** Largest request body read, in bytes: no form of this shop comes near it. */
export const MAX_BODY_BYTES = 16 * 1024

/**
 * Where to go after sign-in: a same-origin path only (the one check of `@login-with-link/core`, which refuses
 * `//host`, `/\\host`, tabs, newlines, encoded and dot-segment variants), else the account page.
 */
function safeReturnTo(value: string | undefined): string {
  return safeCallbackUrl(value, {
    fallback: "/account",
    exclude: ["/login", "/callback"],
  })
}

/** Creates the shop app. */
export function createShopApp(options: ShopOptions): Hono {
  const baseUrl = options.baseUrl.replace(/\/+$/, "")
  const redirectUri = `${baseUrl}/callback`
  const sessions = createSessions({
    secret: options.sessionSecret,
    secure: baseUrl.startsWith("https:"),
  })
  const signIn =
    options.mode === "oauth"
      ? createLinkOAuthClient(options.oauth)
      : createOidcClient(options)
  // Where the sign-in page lives: the only other origin a sign-out may be sent to.
  const providerOrigin =
    options.mode === "oauth" ? undefined : new URL(options.issuer).origin
  const logError =
    options.logError ??
    ((message: string, error: unknown) => console.error(message, error))

  const app = new Hono()
  // Bodies are refused past MAX_BODY_BYTES before anything reads them: at once on Content-Length,
  // and by counting bytes as they arrive when there is none (chunked).
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        c.header("Connection", "close")
        return c.html(
          errorPage(
            undefined,
            "Request too large",
            "That request was larger than any form of this shop sends."
          ),
          413
        )
      },
    })
  )
  // Cross-site form posts (sign-out) are refused.
  app.use("*", csrf({ origin: new URL(baseUrl).origin }))
  app.use("*", async (c, next) => {
    await next()
    c.header(
      "Content-Security-Policy",
      `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${providerOrigin ? ` ${providerOrigin}` : ""}; frame-ancestors 'none'; base-uri 'none'`
    )
    c.header("X-Content-Type-Options", "nosniff")
    c.header("Cache-Control", "no-store")
  })

  const mode = options.mode ?? "oidc"
  app.get("/", async (c) =>
    c.html(homePage(await sessions.get(c), undefined, mode))
  )
  // Where the hosted page sends the person after RP-initiated logout (registered with it).
  app.get("/signed-out", async (c) =>
    c.html(homePage(await sessions.get(c), "You are signed out.", mode))
  )

  app.get("/login", async (c) => {
    const request = await signIn.authorizationUrl(redirectUri)
    await sessions.startFlow(c, {
      state: request.state,
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
      verifier: request.verifier,
      returnTo: safeReturnTo(c.req.query("return_to")),
    })
    return c.redirect(request.url.href, 302)
  })

  app.get("/callback", async (c) => {
    const flow = await sessions.takeFlow(c)
    const session = await sessions.get(c)
    const error = c.req.query("error")
    if (error === "access_denied")
      return c.html(
        errorPage(
          session,
          "Sign-in cancelled",
          "You cancelled signing in. Nothing was shared."
        ),
        400
      )
    if (!flow)
      return c.html(
        errorPage(
          session,
          "Sign-in expired",
          "This sign-in took too long or was opened in another browser."
        ),
        400
      )
    if (error) {
      logError("hono-shop: the hosted page answered with an error", {
        error,
        description: c.req.query("error_description"),
      })
      return c.html(
        errorPage(
          session,
          "Sign-in failed",
          "The sign-in page could not complete the sign-in."
        ),
        400
      )
    }
    let person
    try {
      // The redirect URI as registered (the public base URL), with the query the hosted page
      // sent: behind a TLS-terminating proxy the request itself arrives as http://internal-host.
      const callbackUrl = new URL(redirectUri)
      callbackUrl.search = new URL(c.req.url).search
      person = await signIn.callback(callbackUrl, flow)
    } catch (failure) {
      logError("hono-shop: code exchange failed", failure)
      return c.html(
        errorPage(
          session,
          "Sign-in failed",
          "We could not confirm the sign-in. Please try again."
        ),
        400
      )
    }
    await sessions.set(c, person)
    return c.redirect(flow.returnTo, 303)
  })

  app.get("/account", async (c) => {
    const session = await sessions.get(c)
    if (!session) return c.redirect("/login?return_to=/account", 302)
    return c.html(accountPage(session))
  })

  app.post("/logout", async (c) => {
    const session = await sessions.get(c)
    sessions.clear(c)
    // OpenID Connect: end the hosted session too (RP-initiated logout), then come back to the
    // home page. Link's OAuth has no session of the shop's to end.
    if (!signIn.logoutUrl) return c.redirect("/signed-out", 303)
    const url = await signIn.logoutUrl(
      session?.idToken,
      `${baseUrl}/signed-out`
    )
    return c.redirect(url.href, 303)
  })

  app.get("/healthz", (c) => c.json({ ok: true }))

  app.onError((failure, c) => {
    // Refusals (e.g. the CSRF check's 403) keep their status.
    if (failure instanceof HTTPException) return failure.getResponse()
    logError("hono-shop: request failed", failure)
    return c.html(
      errorPage(
        undefined,
        "Something went wrong",
        "The shop could not reach the sign-in service. Please try again."
      ),
      503
    )
  })
  return app
}
