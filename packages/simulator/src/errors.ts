/**
 * The one error envelope the simulator answers with, its codes, statuses and messages.
 * Codes and statuses are Stripe's (as its SDKs name them), plus our own.
 * @module
 */

/** Every error code the simulator can answer with. */
export const ERROR_CODES = {
  consumer_verification_code_invalid: 400,
  consumer_verification_expired: 400,
  consumer_verification_max_attempts_exceeded: 429,
  consumer_session_expired: 400,
  consumer_session_credentials_invalid: 401,
  rate_limit: 429,
  invalid_public_key: 401,
  parameter_missing: 400,
  parameter_invalid: 400,
  resource_missing: 404,
  control_forbidden: 403,
  api_error: 500,
} as const

/** An error code of the simulator. */
export type ErrorCode = keyof typeof ERROR_CODES

/** Every message the simulator sends, each saying how to fix the request. */
export const MESSAGES = {
  codeInvalid: "The provided verification code is incorrect.",
  codeNotSent:
    "No code has been sent for this client_secret yet: call start_verification first.",
  codeExpired:
    "The verification code has expired: request a new one with start_verification.",
  maxAttempts:
    "Too many incorrect codes for this client_secret: start over with lookup-email.",
  maxSends:
    "Too many codes were sent to this person in the last hour: wait before asking again.",
  resendCooldown:
    "A code was sent moments ago: wait before asking for another.",
  sessionExpired:
    "This client_secret is no longer valid: start over with lookup-email.",
  sessionSpent:
    "This client_secret has already been used to sign in: start over with lookup-email.",
  credentialsInvalid:
    "Unknown or malformed client_secret, or it was issued for another email or key.",
  rateLimit:
    "Too many requests: wait for the number of seconds in the Retry-After header.",
  publicKeyMissing:
    "Missing STRIPE_PUBLIC_KEY: pass your publishable key (pk_live_... or pk_test_...).",
  publicKeyInvalid:
    "Unknown STRIPE_PUBLIC_KEY: use a pk_test_ key or one configured in LINK_SIM_KEYS.",
  contentType:
    "Unsupported Content-Type: send application/json or application/x-www-form-urlencoded.",
  badJson: "The request body is not valid JSON: send a JSON object.",
  notObject: "The request body must be a JSON object of named parameters.",
  bodyTooLarge:
    "The request body is too large: send only the documented parameters.",
  controlHost:
    "The control API and the outbox answer only a loopback Host (127.0.0.1, localhost or [::1]): call the simulator at http://127.0.0.1:<port>.",
  controlOrigin:
    "The control API refuses requests sent by a page on another site: send it from a script (no Origin header) or from the simulator's own pages.",
  controlToken:
    "The control API and the outbox need the control token: send Authorization: Bearer <LINK_SIM_CONTROL_TOKEN>.",
  notFound:
    "Unknown route: see the simulator's README for the routes it serves.",
  apiError:
    "The Link simulator failed unexpectedly: retry, and report it if it keeps happening.",
  injected: "Injected fault: the Link simulator was told to fail this request.",
  missing: (param: string) => `Missing required parameter: ${param}.`,
  unknown: (param: string) =>
    `Unknown parameter: ${param}. Send only the documented parameters.`,
  notString: (param: string) => `Parameter ${param} must be a string.`,
  repeated: (param: string) =>
    `Parameter ${param} was sent more than once: send it once.`,
  tooLong: (param: string, max: number) =>
    `Parameter ${param} is longer than ${max} characters.`,
  badEmail: "Parameter email is not an email address.",
  badCode: "Parameter code must be six digits.",
  badResend: "Parameter resend must be true or false.",
} as const

/** What an error response carries besides its code. */
export interface ErrorDetails {
  message?: string
  param?: string
  /** Seconds, sent as the `Retry-After` header (429s). */
  retryAfter?: number
  /** Overrides the code's usual status (injected faults). */
  status?: number
  /** Adds `authenticationSuccessful: false`, as the documented authenticate failure does. */
  authenticate?: boolean
}

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  consumer_verification_code_invalid: MESSAGES.codeInvalid,
  consumer_verification_expired: MESSAGES.codeExpired,
  consumer_verification_max_attempts_exceeded: MESSAGES.maxAttempts,
  consumer_session_expired: MESSAGES.sessionExpired,
  consumer_session_credentials_invalid: MESSAGES.credentialsInvalid,
  rate_limit: MESSAGES.rateLimit,
  invalid_public_key: MESSAGES.publicKeyInvalid,
  parameter_missing: "Missing required parameter.",
  parameter_invalid: "Invalid parameter.",
  resource_missing: MESSAGES.notFound,
  control_forbidden: MESSAGES.controlToken,
  api_error: MESSAGES.apiError,
}

function errorType(code: ErrorCode): string {
  if (code === "api_error") return "api_error"
  if (code === "rate_limit") return "rate_limit_error"
  if (code === "invalid_public_key") return "authentication_error"
  return "invalid_request_error"
}

/** The JSON body of every error response. */
export interface ErrorEnvelope {
  authenticationSuccessful?: false
  errorMessage: string
  error: { type: string; code: ErrorCode; message: string; param?: string }
}

/** Builds the error body alone (used where a body is needed without a Response). */
export function errorBody(
  code: ErrorCode,
  details: ErrorDetails = {}
): ErrorEnvelope {
  const message = details.message ?? DEFAULT_MESSAGES[code]
  const error: ErrorEnvelope["error"] = { type: errorType(code), code, message }
  if (details.param !== undefined) error.param = details.param
  return {
    ...(details.authenticate
      ? { authenticationSuccessful: false as const }
      : {}),
    errorMessage: message,
    error,
  }
}

/**
 * Builds every error response of the simulator: the documented `errorMessage`, a Stripe-style
 * `error` object, the code's status, and `Retry-After` when given.
 * @example
 * return errorResponse("parameter_missing", { param: "email", message: MESSAGES.missing("email") })
 */
export function errorResponse(
  code: ErrorCode,
  details: ErrorDetails = {}
): Response {
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  })
  if (details.retryAfter !== undefined)
    headers.set(
      "retry-after",
      String(Math.max(1, Math.ceil(details.retryAfter)))
    )
  return new Response(JSON.stringify(errorBody(code, details)), {
    status: details.status ?? ERROR_CODES[code],
    headers,
  })
}

/** An error thrown inside a handler that becomes an error response. */
export class SimulatorError extends Error {
  override name = "SimulatorError"
  readonly code: ErrorCode
  readonly details: ErrorDetails
  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    super(details.message ?? DEFAULT_MESSAGES[code])
    this.code = code
    this.details = details
  }
}
