/**
 * The errors of the simulated login.link.com and api.link.com, in the shape OAuth clients parse:
 * RFC 6749 §5.2 JSON (`{ error, error_description }`) from one function, the RFC 6750
 * `WWW-Authenticate` challenge on userinfo, and every message, each saying how to fix the request.
 * @module
 */

/** The OAuth error codes the simulator answers with, and their statuses. */
export const OAUTH_ERROR_CODES = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_scope: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  access_denied: 403,
  server_error: 500,
  temporarily_unavailable: 503,
} as const

/** An OAuth error code of the simulator. */
export type OAuthErrorCode = keyof typeof OAUTH_ERROR_CODES

/** Every message of the OAuth routes and the hosted page. */
export const OAUTH_MESSAGES = {
  // Token and revoke: how the client calls.
  contentType:
    "Send the parameters as application/x-www-form-urlencoded, as RFC 6749 requires.",
  repeated: (param: string) =>
    `Parameter ${param} was sent more than once: send it once.`,
  tooLong: (param: string) => `Parameter ${param} is too long.`,
  missing: (param: string) => `Missing required parameter: ${param}.`,
  basicRefused:
    "HTTP Basic authentication is not accepted: send client_id and client_secret in the body, and Authorization: Bearer <publishable key>.",
  keyMissing:
    "Missing publishable key: send Authorization: Bearer <publishable key> (pk_live_... or pk_test_...).",
  keyUnknown:
    "Unknown publishable key: use a pk_test_ key, one configured in LINK_SIM_KEYS, or the client's own.",
  keyNotClients:
    "This publishable key is not the one this client is registered with: send the client's key.",
  clientMissing:
    "Missing client_id or client_secret: send both in the request body.",
  clientInvalid:
    "Unknown client_id or wrong client_secret: use the credentials the client was registered with.",
  grantTypeMissing:
    "Missing grant_type: send authorization_code or refresh_token.",
  grantTypeUnsupported:
    "Unsupported grant_type: send authorization_code or refresh_token.",
  codeInvalid:
    "The authorization code is unknown or expired (codes live 10 minutes): start the sign-in again.",
  codeUsed:
    "The authorization code was already used: a code works once, and the tokens it gave are now revoked.",
  codeOtherClient: "The authorization code was issued to another client.",
  codeOtherKey:
    "The authorization code was issued for another publishable key: send the key of the authorization URL.",
  redirectUriMismatch:
    "redirect_uri is not the one of the authorization request: send exactly the same value.",
  verifierFormat:
    "code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, -, ., _ and ~ (RFC 7636).",
  verifierMismatch:
    "code_verifier does not match the code_challenge of the authorization request.",
  refreshInvalid:
    "The refresh token is unknown, expired or revoked: sign the person in again.",
  refreshReused:
    "This refresh token was already used (refresh tokens rotate: keep the newest). Every token of this grant is now revoked: sign the person in again.",
  refreshOtherClient: "The refresh token was issued to another client.",
  refreshOtherKey:
    "The refresh token was issued for another publishable key: send the key of the authorization URL.",
  scopeWider:
    "scope asks for more than the grant has: ask for the same scopes or fewer.",
  tokenMissing:
    "Missing token: send the refresh token (or access token) to revoke.",
  rateLimit:
    "Too many requests: wait for the number of seconds in the Retry-After header.",
  injected: "Injected fault: the Link simulator was told to fail this request.",
  serverError:
    "The Link simulator failed unexpectedly: retry, and report it if it keeps happening.",
  bodyTooLarge:
    "The request body is too large: send only the OAuth parameters.",
  // Userinfo.
  accessMissing: "Send Authorization: Bearer <access token>.",
  accessInvalid:
    "The access token is unknown, expired (they live 1 hour) or revoked: refresh it or sign in again.",
  insufficientScope: "The access token's grant lacks the userinfo:read scope.",
  // Authorization: redirected back to the client.
  responseType: "response_type must be code.",
  pkceMissing:
    "PKCE is required: send code_challenge and code_challenge_method=S256.",
  pkcePlain:
    "code_challenge_method plain is refused: send code_challenge_method=S256.",
  pkceFormat:
    "code_challenge must be the 43-character base64url SHA-256 of the code_verifier.",
  scopeUnknown: (scope: string) =>
    `Unknown scope ${scope}: use userinfo:read (and payment_methods.agentic for wallets).`,
  stateTooLong: "state is too long: keep it under 1024 characters.",
  keyMissingAuthorize:
    "Missing key: put the publishable key on the authorization URL as key=pk_....",
  keyUnknownAuthorize:
    "Unknown publishable key: use a pk_test_ key, one configured in LINK_SIM_KEYS, or the client's own.",
  keyNotClientsAuthorize:
    "This publishable key is not the one this client is registered with.",
  declined: "The person declined to sign in with Link.",
  declinedInjected:
    "The person declined to sign in with Link (injected fault).",
} as const

/** The JSON body of every OAuth error. */
export interface OAuthErrorBody {
  error: OAuthErrorCode
  error_description: string
}

/** What an OAuth error response carries besides its code and description. */
export interface OAuthErrorDetails {
  /** Overrides the code's usual status. */
  status?: number
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number
  /** The `WWW-Authenticate` header (401s of userinfo, invalid_client). */
  wwwAuthenticate?: string
}

/**
 * Builds every OAuth JSON error response of the simulator (RFC 6749 §5.2, RFC 6750 §3):
 * `{ error, error_description }`, the code's status, `Cache-Control: no-store`.
 * @example
 * return oauthErrorResponse("invalid_grant", OAUTH_MESSAGES.codeUsed)
 */
export function oauthErrorResponse(
  error: OAuthErrorCode,
  description: string,
  details: OAuthErrorDetails = {}
): Response {
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    pragma: "no-cache",
  })
  if (details.retryAfter !== undefined)
    headers.set(
      "retry-after",
      String(Math.max(1, Math.ceil(details.retryAfter)))
    )
  if (details.wwwAuthenticate)
    headers.set("www-authenticate", details.wwwAuthenticate)
  const body: OAuthErrorBody = { error, error_description: description }
  return new Response(JSON.stringify(body), {
    status: details.status ?? OAUTH_ERROR_CODES[error],
    headers,
  })
}

/** An OAuth error thrown inside a handler; the route turns it into {@link oauthErrorResponse}. */
export class OAuthError extends Error {
  override name = "OAuthError"
  readonly error: OAuthErrorCode
  readonly details: OAuthErrorDetails
  constructor(
    error: OAuthErrorCode,
    description: string,
    details: OAuthErrorDetails = {}
  ) {
    super(description)
    this.error = error
    this.details = details
  }
  /** The response this error stands for. */
  toResponse(): Response {
    return oauthErrorResponse(this.error, this.message, this.details)
  }
}
