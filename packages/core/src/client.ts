/**
 * The Link API client (link-api.md): lookup email, start verification, authenticate, each as a
 * request/process pair in the style of oauth4webapi (`xRequest()` returns the `Response`,
 * `processXResponse()` validates it and throws a coded {@link LinkApiError}), plus
 * {@link createLinkClient} for the convenience calls. `fetch` only, injectable, with a timeout.
 *
 * @module
 */
import type * as z from "zod"
import { LoginWithLinkError } from "./errors.js"
import {
  authenticateFailureSchema,
  authenticateSuccessSchema,
  linkErrorBodySchema,
  lookupEmailResponseSchema,
  startVerificationResponseSchema,
} from "./schemas.js"

/** Error codes Link (after Stripe) sends, per link-api.md section 4. */
export type LinkUpstreamErrorCode =
  | "consumer_verification_code_invalid"
  | "consumer_verification_expired"
  | "consumer_verification_max_attempts_exceeded"
  | "consumer_session_expired"
  | "consumer_session_credentials_invalid"
  | "rate_limit"
  | "invalid_public_key"
  | "parameter_missing"
  | "parameter_invalid"
  | "api_error"

/**
 * The `code` of a {@link LinkApiError}: Link's own code when it sent one, else ours:
 * `LWL_LINK_ERROR` (a failure with no code, e.g. `errorMessage` only), `LWL_LINK_TIMEOUT`,
 * `LWL_LINK_NETWORK`, `LWL_LINK_ABORTED` (the caller's signal), `LWL_LINK_MALFORMED`.
 */
export type LinkApiErrorCode =
  | LinkUpstreamErrorCode
  | "LWL_LINK_ERROR"
  | "LWL_LINK_TIMEOUT"
  | "LWL_LINK_NETWORK"
  | "LWL_LINK_ABORTED"
  | "LWL_LINK_MALFORMED"
  | (string & {})

/**
 * A Link API call failed. `status` is the HTTP status (0 when there was no response). The message
 * is Link's (or ours), with the `client_secret` and the code removed, and never includes a body.
 */
export class LinkApiError extends LoginWithLinkError<LinkApiErrorCode> {
  /** HTTP status, or 0 for a timeout, network failure or abort. */
  readonly status: number
  /** Seconds to wait, from the `Retry-After` header, when Link sent one. */
  readonly retryAfter?: number
  /** Wrong-code attempts left, when Link said. */
  readonly attemptsLeft?: number
  /** The request parameter Link complained about (`parameter_missing`/`parameter_invalid`). */
  readonly param?: string
  // A literal, not the class's name: bundlers mangle class names (logs read "gn" otherwise).
  override name = "LinkApiError"
  constructor(init: {
    status: number
    code: LinkApiErrorCode
    message: string
    retryAfter?: number
    attemptsLeft?: number
    param?: string
    cause?: unknown
  }) {
    super(init.code, init.message, { cause: init.cause })
    this.status = init.status
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter
    if (init.attemptsLeft !== undefined) this.attemptsLeft = init.attemptsLeft
    if (init.param !== undefined) this.param = init.param
  }
}

/** Where and as whom the client talks to Link. */
export interface LinkClientConfig {
  /** The shop's Stripe publishable key (`pk_live_…` / `pk_test_…`). */
  publishableKey: string
  /** The API base URL, no trailing slash. @default "https://loginwithlink.com/api" */
  apiUrl: string
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Milliseconds before a call (including reading its body) fails with `LWL_LINK_TIMEOUT`. @default 10000 */
  timeout?: number
}

/** Per-call options of every request function. */
export interface LinkCallOptions {
  /** Aborts the call (combined with the timeout). */
  signal?: AbortSignal
  /** Overrides the client's `fetch` for this call. */
  fetch?: typeof fetch
  /** Extra request headers. */
  headers?: HeadersInit
  /** Overrides the client's timeout for this call, in ms. */
  timeout?: number
}

/** The default Login with Link API base URL. */
export const DEFAULT_API_URL = "https://loginwithlink.com/api"
/** The default timeout of a Link call, in ms. */
export const DEFAULT_TIMEOUT = 10_000
/** The largest response body read, in bytes; beyond it the response is malformed. */
const MAX_BODY_BYTES = 64 * 1024

/** The timeout/abort signal of a call, kept with the response so the body read is covered too. */
const callSignals = new WeakMap<Response, AbortSignal>()

function combineSignals(timeout: number, signal?: AbortSignal): AbortSignal {
  const timer = AbortSignal.timeout(timeout)
  if (!signal) return timer
  if (typeof AbortSignal.any === "function")
    return AbortSignal.any([timer, signal])
  const controller = new AbortController()
  const abort = (s: AbortSignal) => () => controller.abort(s.reason)
  timer.addEventListener("abort", abort(timer), { once: true })
  signal.addEventListener("abort", abort(signal), { once: true })
  if (signal.aborted) controller.abort(signal.reason)
  return controller.signal
}

function failureFromThrown(
  error: unknown,
  signal: AbortSignal | undefined,
  during: string
): LinkApiError {
  const reason: unknown = signal?.aborted ? signal.reason : undefined
  const name =
    reason instanceof Error || reason instanceof DOMException
      ? reason.name
      : error instanceof Error
        ? error.name
        : ""
  if (name === "TimeoutError") {
    return new LinkApiError({
      status: 0,
      code: "LWL_LINK_TIMEOUT",
      message: `Link did not answer in time (${during})`,
      cause: error,
    })
  }
  if (signal?.aborted || name === "AbortError") {
    return new LinkApiError({
      status: 0,
      code: "LWL_LINK_ABORTED",
      message: `The call to Link was aborted (${during})`,
      cause: error,
    })
  }
  return new LinkApiError({
    status: 0,
    code: "LWL_LINK_NETWORK",
    message: `Could not reach Link (${during})`,
    cause: error,
  })
}

async function send(
  config: LinkClientConfig,
  path: string,
  init: {
    method: "GET" | "POST"
    query?: Record<string, string>
    body?: unknown
  },
  options: LinkCallOptions = {}
): Promise<Response> {
  const url = new URL(`${config.apiUrl}/${path}`)
  for (const [name, value] of Object.entries(init.query ?? {})) {
    url.searchParams.set(name, value)
  }
  const headers = new Headers(options.headers)
  headers.set("accept", "application/json")
  if (init.body !== undefined) headers.set("content-type", "application/json")
  const signal = combineSignals(
    options.timeout ?? config.timeout ?? DEFAULT_TIMEOUT,
    options.signal
  )
  const doFetch = options.fetch ?? config.fetch ?? globalThis.fetch
  let response: Response
  try {
    response = await doFetch(url.href, {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
      // A redirect is not part of the API: surface it as a failure instead of following it.
      redirect: "manual",
    })
  } catch (error) {
    throw failureFromThrown(error, signal, path)
  }
  // Duck-typed: a Response from another realm (a test server, a polyfill) is fine.
  if (
    typeof response !== "object" ||
    response === null ||
    typeof response.status !== "number" ||
    typeof response.headers?.get !== "function"
  ) {
    throw new LinkApiError({
      status: 0,
      code: "LWL_LINK_MALFORMED",
      message: `fetch did not return a Response (${path})`,
    })
  }
  callSignals.set(response, signal)
  return response
}

/** Read at most {@link MAX_BODY_BYTES} of the body as text, under the call's signal. */
async function readText(response: Response, during: string): Promise<string> {
  const signal = callSignals.get(response)
  const body = response.body
  if (!body) return ""
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return
    onAbort = () => reject(signal.reason)
    if (signal.aborted) onAbort()
    else signal.addEventListener("abort", onAbort, { once: true })
  })
  aborted.catch(() => {})
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted])
      if (done) break
      size += value.byteLength
      if (size > MAX_BODY_BYTES) {
        throw new LinkApiError({
          status: response.status,
          code: "LWL_LINK_MALFORMED",
          message: `Link's response is larger than ${MAX_BODY_BYTES} bytes (${during})`,
        })
      }
      chunks.push(value)
    }
  } catch (error) {
    reader.cancel().catch(() => {})
    if (error instanceof LinkApiError) throw error
    throw failureFromThrown(error, signal, during)
  } finally {
    if (onAbort && signal) signal.removeEventListener("abort", onAbort)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

async function readJson(
  response: Response,
  during: string
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await readText(response, during)
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

/** Parse a `Retry-After` header (seconds or an HTTP date) into whole seconds, at least 1. */
export function parseRetryAfter(
  value: string | null,
  now = Date.now()
): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d{1,9}$/.test(trimmed)) return Math.max(1, Number(trimmed))
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(1, Math.ceil((date - now) / 1000))
}

function redact(
  message: string,
  secrets: readonly (string | undefined)[]
): string {
  let result = message.slice(0, 300)
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join("[redacted]")
  }
  return result
}

/** What a process function needs to keep secrets out of messages. */
interface ProcessContext {
  /** Strings that must never appear in an error message (client secret, code). */
  redact?: readonly (string | undefined)[]
}

function errorFrom(
  response: Response,
  body: unknown,
  during: string,
  context: ProcessContext
): LinkApiError {
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"))
  const parsed = linkErrorBodySchema.safeParse(body)
  const data = parsed.success ? parsed.data : {}
  const object = typeof data.error === "object" ? data.error : undefined
  const message =
    object?.message ??
    data.errorMessage ??
    (typeof data.error === "string" ? data.error : undefined) ??
    `Link answered ${response.status} (${during})`
  const attemptsLeft = data.attemptsLeft ?? object?.attempts_remaining
  return new LinkApiError({
    status: response.status,
    code: object?.code ?? "LWL_LINK_ERROR",
    message: redact(message, context.redact ?? []),
    ...(retryAfter !== undefined && { retryAfter }),
    ...(attemptsLeft !== undefined && { attemptsLeft }),
    ...(object?.param !== undefined && { param: object.param }),
  })
}

function malformed(
  response: Response,
  during: string,
  cause?: unknown
): LinkApiError {
  return new LinkApiError({
    status: response.status,
    code: "LWL_LINK_MALFORMED",
    message: `Link's response is not what the API documents (${during})`,
    cause,
  })
}

async function processResponse<T>(
  response: Response,
  schema: z.ZodType<T>,
  during: string,
  context: ProcessContext
): Promise<T> {
  const body = await readJson(response, during)
  if (!response.ok) {
    throw errorFrom(response, body.ok ? body.value : undefined, during, context)
  }
  if (!body.ok) throw malformed(response, during)
  const result = schema.safeParse(body.value)
  if (!result.success) {
    // A 200 that is a documented failure (errorMessage, maybe an error object) is a failure.
    const failure = linkErrorBodySchema.safeParse(body.value)
    if (
      failure.success &&
      (failure.data.errorMessage !== undefined ||
        failure.data.error !== undefined)
    ) {
      throw errorFrom(response, body.value, during, context)
    }
    throw malformed(response, during, result.error)
  }
  return result.data
}

// ---------------------------------------------------------------------------------------------
// Lookup email
// ---------------------------------------------------------------------------------------------

/** The result of a lookup. */
export type LookupEmailResult =
  | { exists: true; clientSecret: string; redactedPhone?: string }
  | { exists: false }

/** `GET {apiUrl}/lookup-email?email=&STRIPE_PUBLIC_KEY=` (the email trimmed and lower-cased). */
export function lookupEmailRequest(
  config: LinkClientConfig,
  email: string,
  options?: LinkCallOptions
): Promise<Response> {
  return send(
    config,
    "lookup-email",
    {
      method: "GET",
      query: {
        email: email.trim().toLowerCase(),
        STRIPE_PUBLIC_KEY: config.publishableKey,
      },
    },
    options
  )
}

/** Validate a lookup response; throws {@link LinkApiError}. */
export async function processLookupEmailResponse(
  response: Response
): Promise<LookupEmailResult> {
  const data = await processResponse(
    response,
    lookupEmailResponseSchema,
    "lookup-email",
    {}
  )
  if (data.result !== undefined && data.result !== "success") {
    throw malformed(response, "lookup-email")
  }
  if (!data.userExistsOnLink) return { exists: false }
  const result: LookupEmailResult = {
    exists: true,
    clientSecret: data.client_secret,
  }
  if (data.redacted_phone_number)
    result.redactedPhone = data.redacted_phone_number
  return result
}

// ---------------------------------------------------------------------------------------------
// Start verification
// ---------------------------------------------------------------------------------------------

/** Parameters of start verification. */
export interface StartVerificationParams {
  clientSecret: string
  email: string
  /** A resend of the code (link-api.md: `resend: true`). */
  resend?: boolean
}

/** The result of start verification. */
export interface StartVerificationResult {
  redactedPhone?: string
}

/** `POST {apiUrl}/start_verification` with `{ client_secret, email[, resend] }` as JSON. */
export function startVerificationRequest(
  config: LinkClientConfig,
  params: StartVerificationParams,
  options?: LinkCallOptions
): Promise<Response> {
  return send(
    config,
    "start_verification",
    {
      method: "POST",
      body: {
        client_secret: params.clientSecret,
        email: params.email.trim().toLowerCase(),
        ...(params.resend && { resend: true }),
      },
    },
    options
  )
}

/** Validate a start-verification response; throws {@link LinkApiError}. */
export async function processStartVerificationResponse(
  response: Response,
  context: ProcessContext = {}
): Promise<StartVerificationResult> {
  const data = await processResponse(
    response,
    startVerificationResponseSchema,
    "start_verification",
    context
  )
  return data.redacted_phone_number
    ? { redactedPhone: data.redacted_phone_number }
    : {}
}

// ---------------------------------------------------------------------------------------------
// Authenticate
// ---------------------------------------------------------------------------------------------

/** Parameters of authenticate. */
export interface AuthenticateParams {
  clientSecret: string
  email: string
  /** The six-digit code. */
  code: string
}

/** The person, as Link returns them on a right code. */
export interface AuthenticateResult {
  email: string
  fullName?: string
  city?: string
}

/** `POST {apiUrl}/authenticate` with `{ client_secret, email, code }` as JSON. */
export function authenticateRequest(
  config: LinkClientConfig,
  params: AuthenticateParams,
  options?: LinkCallOptions
): Promise<Response> {
  return send(
    config,
    "authenticate",
    {
      method: "POST",
      body: {
        client_secret: params.clientSecret,
        email: params.email.trim().toLowerCase(),
        code: params.code,
      },
    },
    options
  )
}

/**
 * Validate an authenticate response; throws {@link LinkApiError}, also for the documented 200
 * failure (`authenticationSuccessful: false`), whose code is `LWL_LINK_ERROR` when Link gave none.
 */
export async function processAuthenticateResponse(
  response: Response,
  context: ProcessContext = {}
): Promise<AuthenticateResult> {
  const data = await processResponse(
    response,
    authenticateSuccessSchema.or(authenticateFailureSchema),
    "authenticate",
    context
  )
  if (!data.authenticationSuccessful) {
    throw errorFrom(response, data, "authenticate", context)
  }
  const result: AuthenticateResult = { email: data.user.email }
  if (data.user.fullName) result.fullName = data.user.fullName
  if (data.user.city) result.city = data.user.city
  return result
}

// ---------------------------------------------------------------------------------------------
// Convenience client
// ---------------------------------------------------------------------------------------------

/** A Link API client bound to a publishable key and API URL. */
export interface LinkClient {
  readonly config: Readonly<LinkClientConfig>
  lookupEmail(
    email: string,
    options?: LinkCallOptions
  ): Promise<LookupEmailResult>
  startVerification(
    params: StartVerificationParams,
    options?: LinkCallOptions
  ): Promise<StartVerificationResult>
  authenticate(
    params: AuthenticateParams,
    options?: LinkCallOptions
  ): Promise<AuthenticateResult>
}

/**
 * Create a Link API client.
 *
 * @example
 * ```ts
 * const link = createLinkClient({ publishableKey: "pk_test_123", apiUrl: "http://127.0.0.1:4010/api" })
 * const found = await link.lookupEmail("jo@example.com")
 * if (found.exists) await link.startVerification({ clientSecret: found.clientSecret, email: "jo@example.com" })
 * ```
 */
export function createLinkClient(config: {
  publishableKey: string
  apiUrl?: string
  fetch?: typeof fetch
  timeout?: number
}): LinkClient {
  const bound: LinkClientConfig = {
    ...config,
    apiUrl: (config.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
  }
  return {
    config: bound,
    async lookupEmail(email, options) {
      return processLookupEmailResponse(
        await lookupEmailRequest(bound, email, options)
      )
    },
    async startVerification(params, options) {
      return processStartVerificationResponse(
        await startVerificationRequest(bound, params, options),
        { redact: [params.clientSecret] }
      )
    },
    async authenticate(params, options) {
      return processAuthenticateResponse(
        await authenticateRequest(bound, params, options),
        { redact: [params.clientSecret, params.code] }
      )
    },
  }
}
