/**
 * `LinkOAuth(options)`: Link's own "Sign in with Link" (login.link.com, OAuth 2 with PKCE and a
 * userinfo endpoint) as an Auth.js `oauth` provider. For shops with a Link OAuth client registered
 * with Stripe; `LoginWithLink()` (the in-page code) needs no registration.
 *
 * Built on Auth.js's own hooks only: `client.token_endpoint_auth_method: "client_secret_post"` puts
 * the client credentials in the token request's body, and the provider's `customFetch` adds
 * `Authorization: Bearer <publishable key>`, the timeout and the answer checks
 * (`./link-oauth-http.ts`).
 *
 * @module
 */
import { customFetch as authCustomFetch } from "@auth/core"
import { CredentialsSignin } from "@auth/core/errors"
import type { OAuth2Config } from "@auth/core/providers"
import {
  DEFAULT_TIMEOUT,
  normalizeEmail,
  readEnvVar,
} from "@login-with-link/core"
import {
  linkOAuthErrorFor,
  type LinkOAuthErrorClass,
} from "./link-oauth-errors.js"
import {
  linkOAuthFetch,
  type LinkOAuthEndpoints,
  type LinkOAuthTransport,
  type LinkUserinfo,
} from "./link-oauth-http.js"
import type { CredentialsSigninClass } from "./outcome-errors.js"

/** Link's sign-in page and token endpoints. */
export const LINK_OAUTH_URL = "https://login.link.com"
/** Link's API (userinfo). */
export const LINK_OAUTH_API_URL = "https://api.link.com"
/** The scope that is enough to sign in. Wallet scopes (`payment_methods.agentic`) are opt-in. */
export const LINK_OAUTH_DEFAULT_SCOPE = "userinfo:read"

/** The userinfo profile Link answers with (every field but `id` and `email` may be absent or null). */
export type LinkOAuthProfile = LinkUserinfo

/** Options of {@link LinkOAuth}. Unset ones come from the environment. */
export interface LinkOAuthOptions {
  /** The provider id: `signIn("link-oauth")`, callback `/api/auth/callback/link-oauth`. @default "link-oauth" */
  id?: string
  /** The name on Auth.js's built-in pages. @default "Link" */
  name?: string
  /** The OAuth client id Stripe issued. @default process.env.AUTH_LINK_OAUTH_ID */
  clientId?: string
  /**
   * The OAuth client secret. Security: it authenticates the shop at the token endpoint; it is
   * sent in the token request's body only, never on the authorization URL or to the browser.
   * @default process.env.AUTH_LINK_OAUTH_SECRET
   */
  clientSecret?: string
  /**
   * The Stripe publishable key the client is tied to (`pk_live_…` / `pk_test_…`): `key=` on the
   * authorization URL, and the bearer token of the token and revoke calls.
   * @default process.env.AUTH_LINK_KEY
   */
  publishableKey?: string
  /**
   * What to ask for, space-separated (or a list). `userinfo:read` is enough to sign in; add
   * `payment_methods.agentic` only for wallets.
   * @default "userinfo:read"
   */
  scope?: string | readonly string[]
  /**
   * The base of Link's sign-in page and token endpoints (`/auth`, `/auth/token`, `/auth/revoke`),
   * e.g. the simulator's `http://127.0.0.1:4010/oauth`.
   * @default process.env.AUTH_LINK_OAUTH_URL ?? "https://login.link.com"
   */
  url?: string
  /**
   * The base of Link's API (`/userinfo`).
   * @default process.env.AUTH_LINK_OAUTH_API_URL ?? "https://api.link.com"
   */
  apiUrl?: string
  /** The authorization endpoint. @default `${url}/auth` */
  authorizationUrl?: string
  /** The token endpoint. @default `${url}/auth/token` */
  tokenUrl?: string
  /** The userinfo endpoint. @default `${apiUrl}/userinfo` */
  userinfoUrl?: string
  /** The revoke endpoint (used by the token helpers). @default `${url}/auth/revoke` */
  revokeUrl?: string
  /** The `fetch` for the token and userinfo calls. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Milliseconds before a call to Link (body included) fails as `link_unavailable`. @default 10000 */
  timeout?: number
  /**
   * Auth.js's own option: let a Link sign-in join an existing user with the same email that was
   * created by another provider. Security: Link does not vouch for the mailbox (anyone can open a
   * Link account with someone else's address); leave it off.
   * @default false
   */
  allowDangerousEmailAccountLinking?: boolean
  /** The button style on Auth.js's built-in pages. */
  style?: OAuth2Config<LinkOAuthProfile>["style"]
}

/** What the provider needs from the copy of `@auth/core` the app's framework uses. */
export interface LinkOAuthBindings {
  /** That copy's `CredentialsSignin` (errors must be its own to reach the page with a code). */
  CredentialsSignin: CredentialsSigninClass
  /** That copy's `customFetch` symbol (a plain `Symbol`, different in each copy). */
  customFetch: symbol
}

/** The provider config {@link LinkOAuth} returns (with the resolved endpoints, for the helpers). */
export type LinkOAuthProvider = OAuth2Config<LinkOAuthProfile> & {
  /** The resolved settings, for `refreshLinkOAuthToken` / `revokeLinkOAuthToken`. */
  readonly linkOAuth: LinkOAuthSettings
}

/** Everything {@link LinkOAuth} resolved from its options and the environment. */
export interface LinkOAuthSettings {
  id: string
  clientId: string
  clientSecret: string
  publishableKey: string
  scope: string
  endpoints: LinkOAuthEndpoints
  fetch: typeof fetch
  timeout: number
  OAuthError: LinkOAuthErrorClass
}

function fail(option: string, why: string): never {
  throw new TypeError(`LinkOAuth: ${option} ${why}`)
}

function checkUrl(option: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    fail(option, `must be a URL, got ${JSON.stringify(value)}.`)
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    fail(
      option,
      `must be https (plain http only for localhost), got ${JSON.stringify(value)}.`
    )
  }
  if (url.search || url.hash || url.username || url.password) {
    fail(option, "must not have a query, a fragment or credentials.")
  }
  return url.href.replace(/\/+$/, "")
}

function checkScope(scope: LinkOAuthOptions["scope"]): string {
  const parts =
    typeof scope === "string"
      ? scope.split(/[\s,]+/)
      : Array.isArray(scope)
        ? scope
        : fail("scope", "must be a string or a list of strings.")
  const clean = parts.filter((part) => part !== "")
  for (const part of clean) {
    if (typeof part !== "string" || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(part)) {
      fail("scope", `has an invalid scope token ${JSON.stringify(part)}.`)
    }
  }
  if (!clean.length) fail("scope", 'must not be empty (use "userinfo:read").')
  return [...new Set(clean)].join(" ")
}

/** Resolve and check the options once, with `TypeError`s that name the option. */
export function resolveLinkOAuthOptions(
  options: LinkOAuthOptions,
  OAuthError: LinkOAuthErrorClass
): LinkOAuthSettings {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("LinkOAuth: options must be an object.")
  }
  const id = options.id ?? "link-oauth"
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(id)) {
    fail("id", "must be letters, digits, - or _.")
  }
  const clientId = options.clientId ?? readEnvVar("AUTH_LINK_OAUTH_ID")
  if (!clientId)
    fail(
      "clientId",
      "is required: set AUTH_LINK_OAUTH_ID or pass { clientId }."
    )
  const clientSecret =
    options.clientSecret ?? readEnvVar("AUTH_LINK_OAUTH_SECRET")
  if (!clientSecret) {
    fail(
      "clientSecret",
      "is required: set AUTH_LINK_OAUTH_SECRET or pass { clientSecret }."
    )
  }
  const publishableKey = options.publishableKey ?? readEnvVar("AUTH_LINK_KEY")
  if (
    !publishableKey ||
    !/^pk_(live|test)_[A-Za-z0-9_]+$/.test(publishableKey)
  ) {
    fail(
      "publishableKey",
      "must be a Stripe publishable key (pk_live_… or pk_test_…): set AUTH_LINK_KEY or pass { publishableKey }."
    )
  }
  const url = checkUrl(
    "url",
    options.url ?? readEnvVar("AUTH_LINK_OAUTH_URL") ?? LINK_OAUTH_URL
  )
  const apiUrl = checkUrl(
    "apiUrl",
    options.apiUrl ??
      readEnvVar("AUTH_LINK_OAUTH_API_URL") ??
      LINK_OAUTH_API_URL
  )
  const endpoints: LinkOAuthEndpoints = {
    authorization: checkUrl(
      "authorizationUrl",
      options.authorizationUrl ?? `${url}/auth`
    ),
    token: checkUrl("tokenUrl", options.tokenUrl ?? `${url}/auth/token`),
    userinfo: checkUrl(
      "userinfoUrl",
      options.userinfoUrl ?? `${apiUrl}/userinfo`
    ),
    revoke: checkUrl("revokeUrl", options.revokeUrl ?? `${url}/auth/revoke`),
  }
  const timeout = options.timeout ?? DEFAULT_TIMEOUT
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 120_000) {
    fail("timeout", "must be a whole number of milliseconds from 1 to 120000.")
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    fail("fetch", "must be a function.")
  }
  return {
    id,
    clientId,
    clientSecret,
    publishableKey,
    scope: checkScope(options.scope ?? LINK_OAUTH_DEFAULT_SCOPE),
    endpoints,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeout,
    OAuthError,
  }
}

/** The transport of a provider's settings (shared by the provider and the token helpers). */
export function transportOf(settings: LinkOAuthSettings): LinkOAuthTransport {
  return {
    endpoints: settings.endpoints,
    publishableKey: settings.publishableKey,
    fetch: settings.fetch,
    timeout: settings.timeout,
    OAuthError: settings.OAuthError,
  }
}

/** The Auth.js user of a Link profile: Link's `id` keys the account; the email is not verified. */
function profileToUser(profile: LinkOAuthProfile) {
  const full = typeof profile.name === "string" ? profile.name.trim() : ""
  const parts = [profile.first_name, profile.last_name]
    .map((part) => (typeof part === "string" ? part.trim() : ""))
    .filter(Boolean)
  const name = full || parts.join(" ") || null
  return {
    id: profile.id,
    // Checked by the transport; normalised as the code path does, so both paths agree.
    email: normalizeEmail(profile.email) ?? null,
    name,
    image: null,
    // Link proves the phone, not the mailbox: never vouch for it (as the code path).
    emailVerified: null,
  }
}

/**
 * `LinkOAuth` on a given copy of `@auth/core`: its `CredentialsSignin` and its `customFetch`
 * symbol. `@login-with-link/next/provider` binds next-auth's.
 */
export function createLinkOAuth(
  bindings: LinkOAuthBindings
): (options?: LinkOAuthOptions) => LinkOAuthProvider {
  const OAuthError = linkOAuthErrorFor(bindings.CredentialsSignin)
  return (options = {}) => {
    const settings = resolveLinkOAuthOptions(options, OAuthError)
    const fetchHook = linkOAuthFetch(transportOf(settings))
    // Auth.js deep-merges `options` over the config but drops symbol keys in the merge: the
    // `customFetch` must be on `options` to survive (see @auth/core's parseProviders).
    const hooks = { [bindings.customFetch]: fetchHook }
    const provider: LinkOAuthProvider = {
      id: settings.id,
      name: options.name ?? "Link",
      type: "oauth",
      // PKCE (S256, required by Link) and state; Link has no ID token, so no nonce.
      checks: ["pkce", "state"],
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authorization: {
        url: settings.endpoints.authorization,
        params: { scope: settings.scope, key: settings.publishableKey },
      },
      token: settings.endpoints.token,
      userinfo: settings.endpoints.userinfo,
      client: { token_endpoint_auth_method: "client_secret_post" },
      profile: profileToUser,
      style: options.style ?? { brandColor: "#00d66f", text: "#011e0f" },
      allowDangerousEmailAccountLinking:
        options.allowDangerousEmailAccountLinking ?? false,
      options: hooks as OAuth2Config<LinkOAuthProfile>["options"],
      linkOAuth: settings,
      ...hooks,
    }
    return provider
  }
}

/**
 * Sign in with Link through Link's own page (login.link.com OAuth), for Auth.js (`id: "link-oauth"`).
 *
 * @example
 * ```ts
 * // auth.ts: AUTH_LINK_OAUTH_ID, AUTH_LINK_OAUTH_SECRET and AUTH_LINK_KEY in the environment
 * import NextAuth from "next-auth"
 * import { LinkOAuth, linkJwt } from "@login-with-link/provider"
 * export const { handlers, auth, signIn, signOut } = NextAuth({
 *   providers: [LinkOAuth()],
 *   callbacks: { jwt: linkJwt },
 * })
 * // sign in: signIn("link-oauth")
 * ```
 */
export const LinkOAuth = createLinkOAuth({
  CredentialsSignin,
  customFetch: authCustomFetch,
})
