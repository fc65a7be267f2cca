/**
 * The token and revocation endpoints of the simulated login.link.com:
 * `POST /oauth/auth/token` (authorization_code with PKCE S256, refresh_token with rotation) and
 * `POST /oauth/auth/revoke` (RFC 7009). Both take a form body with `client_id` and
 * `client_secret`, and `Authorization: Bearer <publishable key>`; HTTP Basic is refused.
 * Each handler reads its body first; everything after that is synchronous, so a code or a
 * refresh token is spent atomically under concurrency.
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto"
import type { Context } from "hono"
import type { SimulatorEnv } from "../fault-middleware.js"
import type { Fault } from "../faults.js"
import type { SimulatorState } from "../state.js"
import type { OAuthClient } from "./clients.js"
import {
  OAUTH_MESSAGES,
  OAuthError,
  oauthErrorResponse,
  type OAuthErrorCode,
} from "./errors.js"
import { oauthGuarded, type GuardAnswers } from "./guard.js"
import { keyProblem } from "./keys.js"
import { OAUTH_LIFETIMES, type Grant, type TokenPair } from "./store.js"

/** Longest value accepted for a token or revoke parameter. */
export const MAX_TOKEN_PARAM = 2048

/** The realm of the `WWW-Authenticate` challenges of login.link.com. */
const LOGIN_REALM = 'Bearer realm="login.link.com"'

/** The JSON answer of a successful token request. */
export interface TokenAnswer {
  access_token: string
  refresh_token: string
  token_type: "Bearer"
  expires_in: number
  scope: string
}

const sha256 = (value: string) =>
  createHash("sha256").update(value, "utf8").digest()

/** Reads a form body, refusing another Content-Type, a repeated or an overlong parameter. */
async function readForm(request: Request): Promise<Map<string, string>> {
  const type = (request.headers.get("content-type") ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase()
  if (type !== "application/x-www-form-urlencoded")
    throw new OAuthError("invalid_request", OAUTH_MESSAGES.contentType)
  const params = new Map<string, string>()
  for (const [name, value] of new URLSearchParams(await request.text())) {
    if (params.has(name))
      throw new OAuthError("invalid_request", OAUTH_MESSAGES.repeated(name))
    if (value.length > MAX_TOKEN_PARAM)
      throw new OAuthError("invalid_request", OAUTH_MESSAGES.tooLong(name))
    params.set(name, value)
  }
  return params
}

function required(params: Map<string, string>, name: string): string {
  const value = params.get(name)
  if (!value)
    throw new OAuthError("invalid_request", OAUTH_MESSAGES.missing(name))
  return value
}

const invalidClient = (description: string) =>
  new OAuthError("invalid_client", description, {
    wwwAuthenticate: LOGIN_REALM,
  })

/**
 * Authenticates the client of a token or revoke request: the publishable key as a Bearer token,
 * `client_id` and `client_secret` in the body (the secret compared in constant time).
 */
function authenticateClient(
  state: SimulatorState,
  c: Context<SimulatorEnv>,
  params: Map<string, string>
): { client: OAuthClient; key: string } {
  const authorization = c.req.header("authorization") ?? ""
  if (/^Basic(\s|$)/i.test(authorization))
    throw invalidClient(OAUTH_MESSAGES.basicRefused)
  const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
  const clientId = params.get("client_id")
  const secret = params.get("client_secret")
  if (!clientId || !secret) throw invalidClient(OAUTH_MESSAGES.clientMissing)
  const client = state.oauthClients.get(clientId)
  if (!client || !timingSafeEqual(sha256(secret), sha256(client.clientSecret)))
    throw invalidClient(OAUTH_MESSAGES.clientInvalid)
  switch (keyProblem(state.config, client, key)) {
    case "missing":
      throw invalidClient(OAUTH_MESSAGES.keyMissing)
    case "unknown":
      throw invalidClient(OAUTH_MESSAGES.keyUnknown)
    case "not_clients":
      throw invalidClient(OAUTH_MESSAGES.keyNotClients)
  }
  return { client, key: key as string }
}

/** Whether `verifier` is the PKCE S256 preimage of `challenge` (RFC 7636 §4.6). */
export function pkceMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(
    createHash("sha256").update(verifier, "ascii").digest("base64url")
  )
  const expected = Buffer.from(challenge)
  return (
    computed.length === expected.length && timingSafeEqual(computed, expected)
  )
}

function tokenResponse(tokens: TokenPair, scope: string[]): Response {
  const body: TokenAnswer = {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    token_type: "Bearer",
    expires_in: OAUTH_LIFETIMES.accessTokenMs / 1000,
    scope: scope.join(" "),
  }
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      pragma: "no-cache",
    },
  })
}

/** How the JSON OAuth routes answer the guard's failures. */
export const jsonAnswers: GuardAnswers = {
  rateLimited: (seconds) =>
    oauthErrorResponse("temporarily_unavailable", OAUTH_MESSAGES.rateLimit, {
      status: 429,
      retryAfter: seconds,
    }),
  injectedStatus: (status, retryAfter) =>
    oauthErrorResponse(
      status === 503 || status === 429
        ? "temporarily_unavailable"
        : "server_error",
      OAUTH_MESSAGES.injected,
      { status, ...(retryAfter === undefined ? {} : { retryAfter }) }
    ),
}

/** The answer of an injected `oauth_error` fault. */
function injectedError(fault: Fault): Response {
  const error: OAuthErrorCode = fault.error ?? "invalid_grant"
  return oauthErrorResponse(error, OAUTH_MESSAGES.injected, {
    ...(fault.status === undefined ? {} : { status: fault.status }),
  })
}

/** Runs a handler, turning an {@link OAuthError} into its response. */
export async function answering(
  run: () => Response | Promise<Response>
): Promise<Response> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof OAuthError) return err.toResponse()
    throw err
  }
}

/** The token and revoke handlers. */
export function createTokenEndpoints(state: SimulatorState) {
  const { clock, oauth, people } = state

  function exchangeCode(
    params: Map<string, string>,
    client: OAuthClient,
    key: string
  ): Response {
    const value = required(params, "code")
    const redirectUri = required(params, "redirect_uri")
    const verifier = required(params, "code_verifier")
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier))
      throw new OAuthError("invalid_request", OAUTH_MESSAGES.verifierFormat)
    const now = clock.now()
    const code = oauth.code(value, now)
    if (!code) throw new OAuthError("invalid_grant", OAUTH_MESSAGES.codeInvalid)
    if (code.clientId !== client.clientId)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.codeOtherClient)
    if (code.used) {
      // RFC 6749 §4.1.2: a code presented twice revokes what it gave.
      const grant = code.grantId ? oauth.grant(code.grantId) : undefined
      if (grant) oauth.revokeGrant(grant, now)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.codeUsed)
    }
    // Spent by this attempt, whatever comes next: a code is tried once.
    code.used = true
    if (code.key !== key)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.codeOtherKey)
    if (redirectUri !== code.redirectUri)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.redirectUriMismatch)
    if (!pkceMatches(verifier, code.codeChallenge))
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.verifierMismatch)
    const person = people.byId(code.personId)
    if (!person)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.codeInvalid)
    const { grant, tokens } = oauth.createGrant(
      {
        clientId: client.clientId,
        personId: person.id,
        email: person.email,
        key,
        scope: code.scope,
      },
      now
    )
    code.grantId = grant.id
    return tokenResponse(tokens, grant.scope)
  }

  function refresh(
    params: Map<string, string>,
    client: OAuthClient,
    key: string
  ): Response {
    const value = required(params, "refresh_token")
    const now = clock.now()
    const found = oauth.refresh(value)
    if (!found)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.refreshInvalid)
    const { grant, current } = found
    if (grant.clientId !== client.clientId)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.refreshOtherClient)
    if (grant.revokedAt !== undefined || now >= grant.refreshExpiresAt)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.refreshInvalid)
    if (!current) {
      // A rotated-out refresh token came back: someone holds a copy. Revoke the family.
      oauth.revokeGrant(grant, now)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.refreshReused)
    }
    if (grant.key !== key)
      throw new OAuthError("invalid_grant", OAUTH_MESSAGES.refreshOtherKey)
    const scope = narrowed(params.get("scope"), grant)
    return tokenResponse(oauth.rotate(grant, now, scope), scope)
  }

  const token = oauthGuarded(state, "token", jsonAnswers, (c, fault) =>
    answering(async () => {
      const params = await readForm(c.req.raw)
      if (fault?.kind === "oauth_error") return injectedError(fault)
      const { client, key } = authenticateClient(state, c, params)
      const grantType = params.get("grant_type")
      if (!grantType)
        throw new OAuthError("invalid_request", OAUTH_MESSAGES.grantTypeMissing)
      if (grantType === "authorization_code")
        return exchangeCode(params, client, key)
      if (grantType === "refresh_token") return refresh(params, client, key)
      throw new OAuthError(
        "unsupported_grant_type",
        OAUTH_MESSAGES.grantTypeUnsupported
      )
    })
  )

  const revoke = oauthGuarded(state, "revoke", jsonAnswers, (c, fault) =>
    answering(async () => {
      const params = await readForm(c.req.raw)
      if (fault?.kind === "oauth_error") return injectedError(fault)
      const { client } = authenticateClient(state, c, params)
      const value = params.get("token")
      if (!value)
        throw new OAuthError("invalid_request", OAUTH_MESSAGES.tokenMissing)
      const now = clock.now()
      // RFC 7009 §2.2: an unknown token, or another client's, is answered 200 and left alone.
      const asRefresh = oauth.refresh(value)
      if (asRefresh && asRefresh.grant.clientId === client.clientId) {
        oauth.revokeGrant(asRefresh.grant, now)
      } else {
        const asAccess = oauth.access(value)
        if (asAccess && asAccess.grant.clientId === client.clientId)
          asAccess.token.revoked = true
      }
      return new Response("{}", {
        status: 200,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "no-store",
        },
      })
    })
  )

  return { token, revoke }
}

/** The scopes a refresh asks for: the grant's when none, else a subset of them. */
function narrowed(scope: string | undefined, grant: Grant): string[] {
  if (scope === undefined || scope.trim() === "") return grant.scope
  const asked = [...new Set(scope.split(/[\s,]+/).filter((s) => s !== ""))]
  if (asked.some((s) => !grant.scope.includes(s)))
    throw new OAuthError("invalid_scope", OAUTH_MESSAGES.scopeWider)
  return asked
}
