/**
 * The shop's Better Auth instance, in one of three modes:
 *
 * - `link`: the `@login-with-link/better-auth` plugin. The shop's own forms call its three
 *   endpoints (`/sign-in/link/start|resend|verify`) and Better Auth sets the session.
 * - `oauth`: the plugin, and beside it Link's own OAuth page (login.link.com) as a `genericOAuth`
 *   provider (`linkOAuthConfig()` of the same package). A person is one user whichever they use.
 * - `oidc`: Better Auth's own `genericOAuth` plugin, pointed at the hosted Login with Link page
 *   (an OpenID Provider). Nothing of ours runs in the shop: it is plain OpenID Connect.
 *
 * Everything else is plain Better Auth: the database, sessions, Redis secondary storage, rate
 * limits and origin checks.
 * @module
 */
import { betterAuth, type BetterAuthOptions } from "better-auth"
import { genericOAuth } from "better-auth/plugins/generic-oauth"
import { linkOAuthConfig, loginWithLink } from "@login-with-link/better-auth"
import type { AuthMode } from "./config.js"
import type { ShopDatabase } from "./database.js"
import type { ShopRedis } from "./redis.js"

/** The header the shop sets (replacing any client value) to the client's address. */
export const CLIENT_IP_HEADER = "x-shop-client-ip"

/** Where Better Auth's endpoints are mounted. */
export const AUTH_BASE_PATH = "/api/auth"

/** The genericOAuth provider id of the hosted page (the callback is `/api/auth/callback/<id>`). */
export const OIDC_PROVIDER_ID = "login-with-link"

/** The genericOAuth provider id of Link's own OAuth page (the plugin's default `oauthProviderId`). */
export const LINK_OAUTH_PROVIDER_ID = "link-oauth"

/** Options of {@link createShopAuth}. */
export interface ShopAuthOptions {
  mode: AuthMode
  /** The shop's public base URL, no trailing slash. */
  baseUrl: string
  secret: string
  database: ShopDatabase
  /** Shared storage for several instances: sessions and rate limits. */
  redis?: ShopRedis | undefined
  /** Mode `link`: the Link API. */
  link: {
    publishableKey: string
    apiUrl: string
    resendCooldown?: number
    fetch?: typeof fetch
  }
  /** Mode `oauth`: this shop's Link OAuth client (URLs unset: Link's own). */
  oauth?: {
    clientId: string
    clientSecret: string
    url?: string | undefined
    apiUrl?: string | undefined
  }
  /** Mode `oidc`: the hosted page and this shop's client there. */
  oidc: { issuer: string; clientId: string; clientSecret: string }
  /** Better Auth's rate limits. Off only in tests that sign in many times from one address. @default true */
  rateLimit?: boolean
}

/** Better Auth's options for the shop (also what its migrations read). */
export function shopAuthOptions(options: ShopAuthOptions) {
  const secure = options.baseUrl.startsWith("https:")
  return {
    appName: "Little Pantry",
    baseURL: options.baseUrl,
    basePath: AUTH_BASE_PATH,
    secret: options.secret,
    database: options.database.database,
    ...(options.redis
      ? { secondaryStorage: options.redis.secondaryStorage }
      : {}),
    // Only this shop's own origin may post to Better Auth (its origin check and CSRF defence).
    trustedOrigins: [new URL(options.baseUrl).origin],
    rateLimit: {
      enabled: options.rateLimit ?? true,
      // One count for every instance when they share Redis.
      storage: options.redis ? "secondary-storage" : "memory",
    },
    advanced: {
      // The shop's server sets this header from the connection (or a trusted proxy's header) on
      // every request it hands to Better Auth, so no client can choose its rate-limit key.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: secure,
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true, secure },
    },
    // Failed OAuth callbacks (mode oidc) land on the shop's own page, in words, not on Better
    // Auth's default error page.
    onAPIError: { errorURL: `${options.baseUrl}/login/error` },
    // Better Auth's anonymous usage report is left off.
    telemetry: { enabled: false },
    // No `account.accountLinking.trustedProviders`: listing Link there would let a Link sign-in
    // join any user with the same email that another way in made, and whoever puts someone
    // else's email on their Link account would get that user. Link's own paths (the code and
    // OAuth) meet on one user through the plugin, which joins only users whose accounts are all
    // Link's.
    plugins: plugins(options),
  } satisfies BetterAuthOptions
}

/** The plugins of each mode. */
function plugins(options: ShopAuthOptions) {
  const link = loginWithLink({
    publishableKey: options.link.publishableKey,
    apiUrl: options.link.apiUrl,
    ...(options.link.resendCooldown === undefined
      ? {}
      : { resendCooldown: options.link.resendCooldown }),
    ...(options.link.fetch ? { fetch: options.link.fetch } : {}),
  })
  if (options.mode === "link") return [link]
  if (options.mode === "oauth") {
    if (!options.oauth)
      throw new TypeError("Mode oauth needs the oauth client.")
    const { clientId, clientSecret, url, apiUrl } = options.oauth
    return [
      link,
      genericOAuth({
        config: [
          linkOAuthConfig({
            providerId: LINK_OAUTH_PROVIDER_ID,
            clientId,
            clientSecret,
            // The OAuth client is tied to the same publishable key as the code path.
            publishableKey: options.link.publishableKey,
            ...(url ? { url } : {}),
            ...(apiUrl ? { apiUrl } : {}),
          }),
        ],
      }),
    ]
  }
  return [
    genericOAuth({
      config: [
        {
          providerId: OIDC_PROVIDER_ID,
          name: "Link",
          discoveryUrl: `${options.oidc.issuer}/.well-known/openid-configuration`,
          // Sign-in fails rather than trust an ID token that was not verified against the
          // hosted page's keys.
          requireIdTokenVerification: true,
          clientId: options.oidc.clientId,
          clientSecret: options.oidc.clientSecret,
          tokenEndpointAuth: { method: "client_secret_basic" },
          scopes: ["openid", "email", "profile"],
          pkce: true,
          // Sign-out also ends the hosted page's session (RP-initiated logout).
          postLogoutRedirectURI: `${options.baseUrl}/signed-out`,
        },
      ],
    }),
  ]
}

/** Creates the shop's Better Auth instance (after {@link ShopDatabase.migrate} has run). */
export function createShopAuth(options: ShopAuthOptions) {
  return betterAuth(shopAuthOptions(options))
}

/** The shop's Better Auth instance. */
export type ShopAuth = Pick<ReturnType<typeof createShopAuth>, "handler">
