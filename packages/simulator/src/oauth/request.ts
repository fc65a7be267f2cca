/**
 * Checking an authorization request (`GET /oauth/auth`'s query) against the registered clients
 * and the simulator's keys, and building the redirects back to the client. Errors follow RFC 6749
 * §4.1.2.1: a missing or unknown `client_id` or a `redirect_uri` that is not registered is
 * answered on a page (never redirected); every other error goes back to the `redirect_uri`.
 * @module
 */
import type { SimulatorState } from "../state.js"
import { redirectUriMatches, type OAuthClient } from "./clients.js"
import { OAUTH_MESSAGES, type OAuthErrorCode } from "./errors.js"
import { keyProblem } from "./keys.js"
import { HOSTED_MESSAGES } from "./pages.js"
import type { AuthorizationRequest } from "./store.js"

/** The scopes the simulator knows. */
export const SCOPES = ["userinfo:read", "payment_methods.agentic"] as const
/** The scope of a request that names none. */
export const DEFAULT_SCOPE = "userinfo:read"
/** Longest value accepted for an authorization parameter. */
export const MAX_AUTHORIZE_PARAM = 2048

/** The outcome of checking an authorization request. */
export type CheckedRequest =
  | { kind: "ok"; request: AuthorizationRequest; client: OAuthClient }
  | { kind: "page"; message: string }
  | { kind: "redirect"; location: string }

/** `redirectUri` with `params` added to its query (a query it has is kept, RFC 6749 §3.1.2). */
export function redirectWith(
  redirectUri: string,
  params: Record<string, string | undefined>
): string {
  const url = new URL(redirectUri)
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.append(name, value)
  return url.toString()
}

/** Checks an authorization URL's query against the registered clients and the simulator's keys. */
export function checkAuthorizationRequest(
  url: URL,
  state: SimulatorState
): CheckedRequest {
  const values = new Map<string, string>()
  const repeated = new Set<string>()
  for (const [name, value] of url.searchParams) {
    if (values.has(name)) repeated.add(name)
    else values.set(name, value)
  }
  for (const name of ["client_id", "redirect_uri"]) {
    if (repeated.has(name))
      return { kind: "page", message: HOSTED_MESSAGES.repeated(name) }
  }
  const clientId = values.get("client_id")
  if (!clientId) return { kind: "page", message: HOSTED_MESSAGES.clientMissing }
  const client = state.oauthClients.get(clientId)
  if (!client) return { kind: "page", message: HOSTED_MESSAGES.clientUnknown }
  const redirectUri = values.get("redirect_uri")
  if (!redirectUri)
    return { kind: "page", message: HOSTED_MESSAGES.redirectMissing }
  if (
    redirectUri.length > MAX_AUTHORIZE_PARAM ||
    !client.redirectUris.some((r) => redirectUriMatches(r, redirectUri))
  )
    return { kind: "page", message: HOSTED_MESSAGES.redirectRefused }

  // From here on, errors go back to the client.
  const stateParam = repeated.has("state") ? undefined : values.get("state")
  const fail = (error: OAuthErrorCode, description: string) => ({
    kind: "redirect" as const,
    location: redirectWith(redirectUri, {
      error,
      error_description: description,
      state:
        stateParam !== undefined && stateParam.length <= 1024
          ? stateParam
          : undefined,
    }),
  })
  const first = [...repeated][0]
  if (first) return fail("invalid_request", OAUTH_MESSAGES.repeated(first))
  for (const [name, value] of values) {
    if (value.length > MAX_AUTHORIZE_PARAM)
      return fail("invalid_request", OAUTH_MESSAGES.tooLong(name))
  }
  if (stateParam !== undefined && stateParam.length > 1024)
    return fail("invalid_request", OAUTH_MESSAGES.stateTooLong)
  if (values.get("response_type") !== "code")
    return fail("unsupported_response_type", OAUTH_MESSAGES.responseType)
  const key = values.get("key")
  switch (keyProblem(state.config, client, key)) {
    case "missing":
      return fail("invalid_request", OAUTH_MESSAGES.keyMissingAuthorize)
    case "unknown":
      return fail("unauthorized_client", OAUTH_MESSAGES.keyUnknownAuthorize)
    case "not_clients":
      return fail("unauthorized_client", OAUTH_MESSAGES.keyNotClientsAuthorize)
  }
  const challenge = values.get("code_challenge")
  const method = values.get("code_challenge_method")
  if (!challenge || !method)
    return fail("invalid_request", OAUTH_MESSAGES.pkceMissing)
  if (method !== "S256")
    return fail("invalid_request", OAUTH_MESSAGES.pkcePlain)
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
    return fail("invalid_request", OAUTH_MESSAGES.pkceFormat)
  const scope = [
    ...new Set(
      (values.get("scope") ?? "").split(/[\s,]+/).filter((s) => s !== "")
    ),
  ]
  const unknown = scope.find((s) => !(SCOPES as readonly string[]).includes(s))
  if (unknown !== undefined)
    return fail("invalid_scope", OAUTH_MESSAGES.scopeUnknown(unknown))
  return {
    kind: "ok",
    client,
    request: {
      clientId,
      redirectUri,
      key: key as string,
      testMode: (key as string).startsWith("pk_test_"),
      scope: scope.length ? scope : [DEFAULT_SCOPE],
      state: stateParam,
      codeChallenge: challenge,
      startOver: `${url.pathname}${url.search}`,
    },
  }
}
