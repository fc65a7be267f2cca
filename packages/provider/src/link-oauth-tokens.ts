/**
 * Link OAuth tokens after the sign-in: refresh (Link's refresh tokens rotate: every refresh answers
 * a new one and the old one stops working, so the new one must be stored before it is used again)
 * and revoke (at sign-out, where the app asks for it). The requests go through oauth4webapi with
 * the provider's own transport (Bearer publishable key, timeout, answer checks).
 *
 * @module
 */
import * as o from "oauth4webapi"
import type { Adapter, AdapterAccount } from "@auth/core/adapters"
import type { JWT } from "@auth/core/jwt"
import type { AdapterSession } from "@auth/core/adapters"
import { linkOAuthCall, linkOAuthFetch } from "./link-oauth-http.js"
import {
  transportOf,
  type LinkOAuthProvider,
  type LinkOAuthSettings,
} from "./link-oauth.js"

/** The tokens a refresh answers, as Auth.js stores them on an account. */
export interface LinkOAuthTokens {
  access_token: string
  /** The new refresh token: the one given is no longer valid. */
  refresh_token: string
  /** Seconds since the epoch. */
  expires_at?: number
  scope?: string
  token_type: Lowercase<string>
}

/** Per-call options of the token helpers. */
export interface LinkOAuthCallOptions {
  /** Aborts the call (combined with the provider's timeout). */
  signal?: AbortSignal
}

function settingsOf(provider: LinkOAuthProvider): LinkOAuthSettings {
  const settings = provider.linkOAuth as LinkOAuthSettings | undefined
  if (!settings) {
    throw new TypeError(
      "Link OAuth token helpers: pass the provider LinkOAuth() returned."
    )
  }
  return settings
}

/**
 * Exchange a refresh token for new tokens. Link rotates refresh tokens: store the answer's
 * `refresh_token` in place of the one given, before anything else can use the old one.
 * A refused refresh (expired, revoked, already used) throws a `LinkOAuthError` with code
 * `oauth_failed` (the person must sign in again); Link down or slow, `link_unavailable`.
 *
 * @example
 * ```ts
 * const tokens = await refreshLinkOAuthToken(linkOAuth, account.refresh_token)
 * ```
 */
export async function refreshLinkOAuthToken(
  provider: LinkOAuthProvider,
  refreshToken: string,
  options: LinkOAuthCallOptions = {}
): Promise<LinkOAuthTokens> {
  if (typeof refreshToken !== "string" || refreshToken === "") {
    throw new TypeError(
      "refreshLinkOAuthToken: refreshToken must be a non-empty string."
    )
  }
  const settings = settingsOf(provider)
  const as: o.AuthorizationServer = {
    issuer: new URL(settings.endpoints.token).origin,
    token_endpoint: settings.endpoints.token,
  }
  const client: o.Client = { client_id: settings.clientId }
  const response = await o.refreshTokenGrantRequest(
    as,
    client,
    o.ClientSecretPost(settings.clientSecret),
    refreshToken,
    {
      [o.customFetch]: linkOAuthFetch(transportOf(settings)),
      [o.allowInsecureRequests]: as.token_endpoint!.startsWith("http:"),
      ...(options.signal ? { signal: options.signal } : {}),
    }
  )
  const answer = await o.processRefreshTokenResponse(as, client, response)
  if (typeof answer.refresh_token !== "string" || answer.refresh_token === "") {
    throw new settings.OAuthError("link_unavailable", {
      endpoint: "token",
      status: 200,
      reason: "a refresh answered without a new refresh_token",
    })
  }
  return {
    access_token: answer.access_token,
    refresh_token: answer.refresh_token,
    token_type: answer.token_type.toLowerCase() as Lowercase<string>,
    ...(typeof answer.expires_in === "number"
      ? { expires_at: Math.floor(Date.now() / 1000) + answer.expires_in }
      : {}),
    ...(typeof answer.scope === "string" ? { scope: answer.scope } : {}),
  }
}

/**
 * Revoke a refresh token at Link (`token_type_hint=refresh_token`). Resolves when Link accepted
 * it; throws a `LinkOAuthError` otherwise.
 */
export async function revokeLinkOAuthToken(
  provider: LinkOAuthProvider,
  refreshToken: string,
  options: LinkOAuthCallOptions = {}
): Promise<void> {
  const settings = settingsOf(provider)
  const body = new URLSearchParams({
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    token: refreshToken,
    token_type_hint: "refresh_token",
  })
  const { response } = await linkOAuthCall(
    transportOf(settings),
    "revoke",
    body,
    options.signal
  )
  if (response.status !== 200) {
    throw new settings.OAuthError(
      response.status >= 500 || response.status === 429
        ? "link_unavailable"
        : "oauth_failed",
      {
        endpoint: "revoke",
        status: response.status,
        reason: "the revoke was refused",
      }
    )
  }
}

/** How {@link refreshLinkAccount} stores the new tokens. */
export interface RefreshLinkAccountOptions extends LinkOAuthCallOptions {
  /**
   * Refresh this many seconds before the access token expires.
   * @default 60
   */
  leeway?: number
  /**
   * Store the updated account. The default replaces the row through the adapter
   * (`unlinkAccount`, then `linkAccount`), since Auth.js adapters have no `updateAccount`; an app
   * with its own database access may update the row in one statement instead.
   */
  save?: (account: AdapterAccount) => Promise<void>
}

/**
 * For apps that keep Link's tokens on the adapter's account row: refresh the access token when it
 * has expired (or is about to), store the rotated refresh token, and answer the account as stored.
 * An account whose access token is still good is answered as it is, without a call.
 *
 * Concurrency: two refreshes of one account at once use one refresh token twice, and Link refuses
 * the second (`oauth_failed`). Refresh in one place per user (e.g. the session callback), or
 * serialise it.
 *
 * @example
 * ```ts
 * // the Link account row, e.g. SELECT * FROM accounts WHERE "userId" = $1 AND provider = 'link-oauth'
 * const fresh = await refreshLinkAccount(adapter, linkOAuth, account)
 * await fetch("https://api.link.com/…", { headers: { authorization: `Bearer ${fresh.access_token}` } })
 * ```
 */
export async function refreshLinkAccount(
  adapter: Pick<Adapter, "linkAccount" | "unlinkAccount">,
  provider: LinkOAuthProvider,
  account: AdapterAccount,
  options: RefreshLinkAccountOptions = {}
): Promise<AdapterAccount> {
  const leeway = options.leeway ?? 60
  const now = Math.floor(Date.now() / 1000)
  // A BIGINT column reads back as a string (node-postgres): compare it as a number.
  const expiresAt = Number(account.expires_at)
  if (
    account.access_token &&
    Number.isFinite(expiresAt) &&
    expiresAt - leeway > now
  ) {
    return account
  }
  if (!account.refresh_token) {
    const { OAuthError } = settingsOf(provider)
    throw new OAuthError("oauth_failed", {
      reason: "the account has no refresh token",
    })
  }
  const tokens = await refreshLinkOAuthToken(
    provider,
    account.refresh_token,
    options
  )
  const updated: AdapterAccount = { ...account, ...tokens }
  if (options.save) {
    await options.save(updated)
  } else {
    if (!adapter.unlinkAccount || !adapter.linkAccount) {
      throw new TypeError(
        "refreshLinkAccount: the adapter needs linkAccount and unlinkAccount, or pass { save }."
      )
    }
    await adapter.unlinkAccount({
      provider: account.provider,
      providerAccountId: account.providerAccountId,
    })
    await adapter.linkAccount(updated)
  }
  return updated
}

/** Where {@link linkOAuthSignOut} finds the Link refresh token of the person signing out. */
export interface LinkOAuthSignOutOptions extends LinkOAuthCallOptions {
  /**
   * The refresh token to revoke, given the user id (`session.userId` with database sessions,
   * `token.sub` with JWT sessions) and the event's message; `undefined`/`null` when there is none.
   */
  refreshToken: (
    userId: string,
    message: { session?: AdapterSession | null | void; token?: JWT | null }
  ) => Promise<string | null | undefined> | string | null | undefined
}

/**
 * An `events.signOut` handler that revokes the person's Link refresh token at sign-out. Auth.js
 * logs what it throws and signs the person out anyway. With database sessions, use the adapter of
 * `linkSamePerson()` (or any whose `deleteSession` answers the session), so the event knows whose
 * session it was.
 *
 * @example
 * ```ts
 * events: {
 *   signOut: linkOAuthSignOut(linkOAuth, {
 *     refreshToken: async (userId) =>
 *       (await pool.query(`SELECT refresh_token FROM accounts WHERE "userId" = $1 AND provider = 'link-oauth'`, [userId])).rows[0]?.refresh_token,
 *   }),
 * }
 * ```
 */
export function linkOAuthSignOut(
  provider: LinkOAuthProvider,
  options: LinkOAuthSignOutOptions
): (
  message:
    | { session: AdapterSession | null | undefined | void }
    | { token: JWT | null }
) => Promise<void> {
  settingsOf(provider)
  return async (message) => {
    const session = "session" in message ? message.session : undefined
    const token = "token" in message ? message.token : undefined
    const userId = session ? session.userId : token?.sub
    if (!userId) return
    const refreshToken = await options.refreshToken(userId, { session, token })
    if (!refreshToken) return
    await revokeLinkOAuthToken(provider, refreshToken, options)
  }
}
