/**
 * The shop as an OAuth 2 client of Link's own sign-in page (login.link.com), with openid-client in
 * plain OAuth 2 mode: no discovery and no ID token, the endpoints given. The authorization URL
 * (PKCE S256, `state`, the publishable key as `key`), the code exchange (client credentials in the
 * body, and the publishable key as `Authorization: Bearer`, added by openid-client's `customFetch`
 * on the token call only), and the profile from Link's userinfo, keyed on Link's stable `id`.
 * @module
 */
import * as client from "openid-client"
import type { SignedInPerson, SignInClient } from "./sign-in-client.js"

/** Link's production endpoints. */
export const LINK_OAUTH_DEFAULTS = {
  loginUrl: "https://login.link.com",
  apiUrl: "https://api.link.com",
  scope: "userinfo:read",
} as const

/** Options of {@link createLinkOAuthClient}. */
export interface LinkOAuthClientOptions {
  /** The shop's Link OAuth client. */
  clientId: string
  /** Its secret. Sent only to the token endpoint, in the body. */
  clientSecret: string
  /** The shop's Stripe publishable key (`pk_live_…`/`pk_test_…`), which the client is tied to. */
  publishableKey: string
  /** Base of the sign-in page: `<loginUrl>/auth`, `<loginUrl>/auth/token`. @default https://login.link.com */
  loginUrl?: string
  /** Base of the API: `<apiUrl>/userinfo`. @default https://api.link.com */
  apiUrl?: string
  /** @default "userinfo:read" (enough to sign in; wallet scopes are opt-in) */
  scope?: string
  /** Milliseconds before a call to Link is given up. @default 10000 */
  timeout?: number
}

/** A Link sign-in that failed in a way the page can name. */
export class LinkOAuthError extends Error {
  override name = "LinkOAuthError"
  readonly code: "LINK_OAUTH_BAD_PROFILE" | "LINK_OAUTH_USERINFO_FAILED"
  constructor(
    code: LinkOAuthError["code"],
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.code = code
  }
}

const base = (url: string) => url.replace(/\/+$/, "")

/** The profile fields a shop uses, from Link's userinfo (any field but `id` and `email` may be missing). */
function personFrom(profile: unknown): SignedInPerson {
  const p = (
    typeof profile === "object" && profile !== null ? profile : {}
  ) as Record<string, unknown>
  const id = typeof p.id === "string" ? p.id.trim() : ""
  const email = typeof p.email === "string" ? p.email.trim() : ""
  // No fallback to the email for a missing id: the id is who the person is.
  if (!id || !email)
    throw new LinkOAuthError(
      "LINK_OAUTH_BAD_PROFILE",
      `Link's userinfo has no ${id ? "email" : "id"}`
    )
  const name =
    (typeof p.name === "string" && p.name.trim()) ||
    [p.first_name, p.last_name]
      .filter((part): part is string => typeof part === "string" && !!part)
      .join(" ")
      .trim()
  return {
    sub: id,
    email,
    // Link says nothing about the mailbox: never assumed verified.
    emailVerified: false,
    ...(name ? { name } : {}),
  }
}

/**
 * Creates the Link OAuth client.
 *
 * @example
 * const link = createLinkOAuthClient({ clientId, clientSecret, publishableKey: "pk_live_…" })
 * const { url, state, verifier } = await link.authorizationUrl("https://shop.example/callback")
 */
export function createLinkOAuthClient(
  options: LinkOAuthClientOptions
): SignInClient {
  const loginUrl = base(options.loginUrl ?? LINK_OAUTH_DEFAULTS.loginUrl)
  const apiUrl = base(options.apiUrl ?? LINK_OAUTH_DEFAULTS.apiUrl)
  const scope = options.scope ?? LINK_OAUTH_DEFAULTS.scope
  const tokenEndpoint = `${loginUrl}/auth/token`
  const userinfoEndpoint = new URL(`${apiUrl}/userinfo`)
  const config = new client.Configuration(
    {
      // Link publishes no discovery document: its endpoints, as documented.
      issuer: new URL(loginUrl).origin,
      authorization_endpoint: `${loginUrl}/auth`,
      token_endpoint: tokenEndpoint,
    },
    options.clientId,
    undefined,
    // client_id and client_secret in the body, as Link's token endpoint wants them.
    client.ClientSecretPost(options.clientSecret)
  )
  config.timeout = Math.ceil((options.timeout ?? 10_000) / 1000)
  // The token call also carries the publishable key as a bearer token (not HTTP Basic); every
  // other call (userinfo) keeps the access token openid-client puts there.
  config[client.customFetch] = (url, init) =>
    fetch(url, {
      ...(init as RequestInit),
      headers:
        url === tokenEndpoint
          ? {
              ...init.headers,
              authorization: `Bearer ${options.publishableKey}`,
            }
          : init.headers,
    })
  // Plain http only for a local simulator (development and tests).
  if (new URL(loginUrl).protocol === "http:")
    client.allowInsecureRequests(config)

  return {
    async authorizationUrl(redirectUri) {
      const verifier = client.randomPKCECodeVerifier()
      const state = client.randomState()
      const url = client.buildAuthorizationUrl(config, {
        key: options.publishableKey,
        redirect_uri: redirectUri,
        scope,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
      })
      return { url, verifier, state }
    },

    async callback(currentUrl, checks) {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
      })
      const response = await client.fetchProtectedResource(
        config,
        tokens.access_token,
        userinfoEndpoint,
        "GET"
      )
      if (!response.ok)
        throw new LinkOAuthError(
          "LINK_OAUTH_USERINFO_FAILED",
          `Link's userinfo answered ${response.status}`
        )
      let profile: unknown
      try {
        profile = await response.json()
      } catch (error) {
        throw new LinkOAuthError(
          "LINK_OAUTH_USERINFO_FAILED",
          "Link's userinfo is not JSON",
          { cause: error }
        )
      }
      return personFrom(profile)
    },
  }
}
