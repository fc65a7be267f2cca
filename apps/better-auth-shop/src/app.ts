/**
 * Little Pantry: a Hono app on Better Auth that signs people in with Login with Link, either
 * through the Better Auth plugin (mode `link`, the shop's own forms) or through the hosted page
 * over OpenID Connect (mode `oidc`, Better Auth's `genericOAuth`).
 * @module
 */
import { Hono, type Context } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import {
  AUTH_BASE_PATH,
  LINK_OAUTH_PROVIDER_ID,
  type ShopAuth,
} from "./auth.js"
import { createAuthCalls, forwardCookies } from "./auth-calls.js"
import type { AuthMode } from "./config.js"
import { registerLinkRoutes } from "./link-routes.js"
import { registerOidcRoutes } from "./oidc-routes.js"
import { registerSignInErrorPage } from "./social.js"
import { SHOP_ERRORS, shopError, type ShopErrorCode } from "./shop-errors.js"
import { accountPage, homePage, messagePage } from "./views.js"

/** The largest request body the shop reads (forms and Better Auth's JSON). */
export const MAX_BODY_BYTES = 16 * 1024

/** Options of {@link createShopApp}. */
export interface ShopAppOptions {
  mode: AuthMode
  /** The shop's public base URL, no trailing slash. */
  baseUrl: string
  auth: ShopAuth
  /** Key for the shop's own signed cookie (the pending Link sign-in), 32+ characters. */
  secret: string
  /** Mode `oidc`: the hosted page's origin, allowed as a form target by the CSP. */
  issuer?: string | undefined
  /**
   * The client's address, for rate limits. @default the connection's address (Node server), or
   * nothing when the app runs without one
   */
  clientIp?: ((c: Context) => string | undefined) | undefined
  /** Development only: the simulator's SMS outbox, linked from the code step. */
  devOutboxUrl?: string | undefined
  /** Where unexpected errors are logged. @default console.error */
  logError?: ((message: string, error: unknown) => void) | undefined
}

/**
 * The client's address: the value of `header` when a proxy you run sets it, else the connection's
 * address (on @hono/node-server), else nothing. Of a list (`X-Forwarded-For`) the last entry is
 * taken: the one your proxy appended; the ones before it are whatever the client sent. A request
 * without the configured header has no address (its per-IP limits do not apply): the first one is
 * reported to `warn`, since it means the proxy does not set the header it was said to.
 */
export function clientIpFrom(
  header?: string,
  warn: (message: string) => void = () => {}
) {
  let warned = false
  return (c: Context): string | undefined => {
    if (header) {
      const ip = c.req.header(header)?.split(",").at(-1)?.trim() || undefined
      if (!ip && !warned) {
        warned = true
        warn(
          `better-auth-shop: a request came without the ${header} header (SHOP_CLIENT_IP_HEADER), so it has no client address and per-IP limits do not apply to it. Check that your proxy sets it on every request. (Logged once.)`
        )
      }
      return ip
    }
    const env = c.env as
      { incoming?: { socket?: { remoteAddress?: string } } } | undefined
    return env?.incoming?.socket?.remoteAddress
  }
}

/** Creates the shop app. */
export function createShopApp(options: ShopAppOptions): Hono {
  const baseUrl = options.baseUrl.replace(/\/+$/, "")
  const origin = new URL(baseUrl).origin
  const logError =
    options.logError ??
    ((message: string, error: unknown) => console.error(message, error))
  const calls = createAuthCalls({
    auth: options.auth,
    baseUrl,
    clientIp: options.clientIp ?? clientIpFrom(),
  })
  const isAuthPath = (c: Context) =>
    c.req.path === AUTH_BASE_PATH || c.req.path.startsWith(`${AUTH_BASE_PATH}/`)

  function refuse(c: Context, code: ShopErrorCode): Response {
    const { status } = SHOP_ERRORS[code]
    if (isAuthPath(c))
      return c.json(
        { code: code.toUpperCase(), message: SHOP_ERRORS[code].message },
        status
      )
    return c.html(
      messagePage(undefined, { title: "Sorry", error: shopError(code) }),
      status
    ) as unknown as Response
  }

  const app = new Hono()

  app.use("*", async (c, next) => {
    await next()
    const formTargets = [
      "'self'",
      options.issuer && new URL(options.issuer).origin,
    ]
    c.header(
      "Content-Security-Policy",
      `default-src 'none'; style-src 'unsafe-inline'; form-action ${formTargets.filter(Boolean).join(" ")}; frame-ancestors 'none'; base-uri 'none'`
    )
    c.header("X-Content-Type-Options", "nosniff")
    c.header("Referrer-Policy", "same-origin")
    c.header("Cache-Control", "no-store")
  })

  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => refuse(c, "body_too_large"),
    })
  )

  // The shop's own form posts must come from its own pages. (Better Auth checks the origin of
  // posts to /api/auth itself, against `trustedOrigins`.)
  app.use("*", async (c, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(c.req.method) || isAuthPath(c))
      return next()
    const from = c.req.header("origin")
    const fetchSite = c.req.header("sec-fetch-site")
    const sameOrigin = from ? from === origin : fetchSite === "same-origin"
    if (!sameOrigin) return refuse(c, "cross_site_request")
    return next()
  })

  app.all(`${AUTH_BASE_PATH}/*`, (c) => calls.passThrough(c))

  const how = {
    link: "Sign-in here is the Login with Link plugin for Better Auth: this shop's own forms ask for your email and the texted code, and Better Auth keeps you signed in.",
    oauth:
      "Sign-in here is Link two ways, one account: Link's own sign-in page (OAuth, through Better Auth's genericOAuth), or this shop's own forms with a code by text (the Login with Link plugin). Better Auth keeps you signed in.",
    oidc: "Sign-in here is Login with Link over OpenID Connect: the hosted page proves who you are, and Better Auth's genericOAuth plugin keeps you signed in. No Link code runs in this shop.",
  }[options.mode]

  const outboxUrl = options.devOutboxUrl
  app.get("/", async (c) =>
    c.html(homePage(await calls.session(c), { how, outboxUrl }))
  )
  app.get("/signed-out", async (c) =>
    c.html(
      homePage(await calls.session(c), {
        how,
        outboxUrl,
        notice: "You are signed out.",
      })
    )
  )

  app.get("/account", async (c) => {
    const session = await calls.session(c)
    if (!session) return c.redirect("/login?return_to=%2Faccount", 302)
    return c.html(accountPage(session))
  })

  app.post("/logout", async (c) => {
    const answer = await calls.call<{ url?: string }>(c, "/sign-out", {
      method: "POST",
      // The provider logout URL (mode oidc) comes back instead of a redirect.
      body: { callbackURL: "/signed-out", disableRedirect: true },
    })
    if (answer.status >= 500)
      throw new Error(`Better Auth answered ${answer.status} to sign-out`)
    forwardCookies(c, answer.headers)
    const next = answer.data?.url
    return c.redirect(
      typeof next === "string" &&
        options.issuer &&
        next.startsWith(`${new URL(options.issuer).origin}/`)
        ? next
        : "/signed-out",
      303
    )
  })

  if (options.mode === "oidc") registerOidcRoutes(app, { calls, logError })
  else {
    registerLinkRoutes(app, {
      calls,
      baseUrl,
      secret: options.secret,
      devOutboxUrl: options.devOutboxUrl,
      ...(options.mode === "oauth"
        ? { oauthProviderId: LINK_OAUTH_PROVIDER_ID }
        : {}),
    })
    if (options.mode === "oauth")
      registerSignInErrorPage(app, { calls, logError })
  }

  app.get("/healthz", (c) => c.json({ ok: true }))

  app.notFound((c) => refuse(c, "not_found"))

  app.onError((failure, c) => {
    if (failure instanceof HTTPException) return failure.getResponse()
    logError("better-auth-shop: request failed", failure)
    return refuse(c, "unavailable")
  })
  return app
}
