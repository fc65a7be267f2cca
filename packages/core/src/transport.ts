/**
 * How the Link API client talks to Link, whatever the call: `send` (one `fetch` under one signal
 * for the timeout and the caller's abort), a bounded body read under that signal, and the shared
 * validation of an answer into its data or a coded {@link LinkApiError}.
 *
 * @module
 */
import type * as z from "zod"
import { LinkApiError } from "./errors.js"
import { linkErrorBodySchema } from "./schemas.js"

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
/** The longest upstream message kept in an error, in characters, counted after redaction. */
export const MAX_MESSAGE_LENGTH = 300

/** The timeout and the caller's abort of one call, as one signal, until the body is read. */
interface Deadline {
  signal: AbortSignal
  /** The body was read (or the call failed): stop the timer, forget the caller's signal. */
  end(): void
}

/** The deadline of a call, kept with its response so that the body read is covered too. */
const deadlines = new WeakMap<Response, Deadline>()

/**
 * One `AbortController` for the timeout and the caller's signal (cheaper than
 * `AbortSignal.timeout` plus `AbortSignal.any`: one signal, one plain timer, stopped once the body
 * is read). A timeout aborts with a `TimeoutError`, the caller's abort with its own reason.
 */
function startDeadline(timeout: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController()
  const forward = () => {
    end()
    controller.abort(signal?.reason)
  }
  const timer = setTimeout(() => {
    end()
    controller.abort(
      new DOMException(`No answer within ${timeout} ms`, "TimeoutError")
    )
  }, timeout)
  // Node: a pending call must not keep the process alive on its own.
  ;(timer as { unref?: () => void }).unref?.()
  const end = () => {
    clearTimeout(timer)
    signal?.removeEventListener("abort", forward)
  }
  if (signal?.aborted) forward()
  else signal?.addEventListener("abort", forward, { once: true })
  return { signal: controller.signal, end }
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

/**
 * Send one call to Link: `fetch` with the API URL, JSON headers, no redirects, and one signal for
 * the timeout and the caller's abort, which also covers reading the body.
 */
export async function send(
  config: LinkClientConfig,
  path: string,
  init: {
    method: "GET" | "POST"
    query?: Record<string, string>
    body?: unknown
  },
  options: LinkCallOptions = {}
): Promise<Response> {
  const query = init.query ? `?${new URLSearchParams(init.query)}` : ""
  const url = `${config.apiUrl}/${path}${query}`
  let headers: HeadersInit
  if (options.headers === undefined) {
    headers =
      init.body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" }
  } else {
    const merged = new Headers(options.headers)
    merged.set("accept", "application/json")
    if (init.body !== undefined) merged.set("content-type", "application/json")
    headers = merged
  }
  const deadline = startDeadline(
    options.timeout ?? config.timeout ?? DEFAULT_TIMEOUT,
    options.signal
  )
  const { signal } = deadline
  const doFetch = options.fetch ?? config.fetch ?? globalThis.fetch
  let response: Response
  try {
    response = await doFetch(url, {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
      // A redirect is not part of the API: surface it as a failure instead of following it.
      redirect: "manual",
    })
  } catch (error) {
    deadline.end()
    throw failureFromThrown(error, signal, path)
  }
  // Duck-typed: a Response from another realm (a test server, a polyfill) is fine.
  if (
    typeof response !== "object" ||
    response === null ||
    typeof response.status !== "number" ||
    typeof response.headers?.get !== "function"
  ) {
    deadline.end()
    throw new LinkApiError({
      status: 0,
      code: "LWL_LINK_MALFORMED",
      message: `Link's response is not what the API documents (${path}: fetch did not return a Response)`,
    })
  }
  deadlines.set(response, deadline)
  return response
}

/** Read at most {@link MAX_BODY_BYTES} of the body as text, under the call's signal. */
async function readText(response: Response, during: string): Promise<string> {
  const deadline = deadlines.get(response)
  try {
    return await readBounded(response, deadline?.signal, during)
  } finally {
    deadline?.end()
  }
}

const decoder = new TextDecoder()

async function readBounded(
  response: Response,
  signal: AbortSignal | undefined,
  during: string
): Promise<string> {
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
        throw malformed(
          response,
          during,
          `a body larger than ${MAX_BODY_BYTES} bytes`
        )
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
  if (chunks.length === 1) return decoder.decode(chunks[0])
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return decoder.decode(bytes)
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

// Anything shaped like an email, also percent-encoded (`jo%40example.com`, as in a query string).
const EMAIL_LIKE = /[^\s"'<>()[\]{},;:@]+(?:@|%40)[^\s"'<>()[\]{},;:@]+/gi
// A URL's query and fragment: the lookup's query string carries the email.
const URL_QUERY = /(\bhttps?:\/\/[^\s"'<>?#]*)[?#][^\s"'<>]*/gi
/** A code Link would send: lower_snake words. Anything else is not logged. */
const LINK_CODE = /^[a-z][a-z0-9_]{0,63}$/

/**
 * An upstream message fit for a log: every secret given (the `client_secret`, the code, the email,
 * also percent-encoded), anything shaped like an email, and the query of any URL (the lookup's
 * carries the email) replaced, then cut to {@link MAX_MESSAGE_LENGTH}. In that order: cut first,
 * a secret across the cut would survive in part.
 */
export function redactMessage(
  message: string,
  secrets: readonly (string | undefined)[]
): string {
  let result = message
  for (const secret of secrets) {
    if (!secret) continue
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join("[redacted]")
    }
  }
  result = result.replace(URL_QUERY, "$1 (query removed)")
  result = result.replace(EMAIL_LIKE, "[email]")
  return result.length > MAX_MESSAGE_LENGTH
    ? `${result.slice(0, MAX_MESSAGE_LENGTH)}…`
    : result
}

/** What every process function takes: what it needs to keep secrets out of messages. */
export interface LinkProcessContext {
  /** Strings that must never appear in an error message (client secret, code, email). */
  redact?: readonly (string | undefined)[]
}

/** Statuses whose body may be anything (an outage page, a proxy's limit page): not Link's shape. */
const isOutage = (status: number) => status >= 500 || status === 429

/**
 * The coded error of a failure answer (Link's code, `Retry-After`, attempts left, secrets
 * redacted). A failure Link's API does not describe (not JSON, no `errorMessage` nor `error`, a
 * code that is not a code, a redirect) is malformed, unless its status says Link is down or
 * limiting (5xx, 429), whatever the body.
 */
export function errorFrom(
  response: Response,
  body: unknown,
  during: string,
  context: LinkProcessContext
): LinkApiError {
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"))
  const parsed = linkErrorBodySchema.safeParse(body)
  const data = parsed.success ? parsed.data : {}
  const object = typeof data.error === "object" ? data.error : undefined
  const described =
    parsed.success &&
    (data.errorMessage !== undefined || data.error !== undefined)
  const codeOk = object?.code === undefined || LINK_CODE.test(object.code)
  if ((!described || !codeOk) && !isOutage(response.status)) {
    return malformed(
      response,
      during,
      !codeOk
        ? `a failure whose code is not a code (status ${response.status})`
        : body === undefined
          ? `a failure that is not JSON (status ${response.status})`
          : `a failure with neither errorMessage nor error (status ${response.status})`
    )
  }
  const message =
    object?.message ??
    data.errorMessage ??
    (typeof data.error === "string" ? data.error : undefined) ??
    `Link answered ${response.status} (${during})`
  const attemptsLeft = data.attemptsLeft ?? object?.attempts_remaining
  return new LinkApiError({
    status: response.status,
    code: (codeOk && object?.code) || "LWL_LINK_ERROR",
    message: redactMessage(message, context.redact ?? []),
    ...(retryAfter !== undefined && { retryAfter }),
    ...(attemptsLeft !== undefined && { attemptsLeft }),
    ...(object?.param !== undefined && { param: object.param }),
  })
}

/**
 * An answer that is not what the API documents. `reason` says what was wrong with it, by the
 * names of the fields expected, never with a value from the answer (it goes to the log).
 */
export function malformed(
  response: Response,
  during: string,
  reason: string,
  cause?: unknown
): LinkApiError {
  return new LinkApiError({
    status: response.status,
    code: "LWL_LINK_MALFORMED",
    message: `Link's response is not what the API documents (${during}: ${reason})`,
    cause,
  })
}

/** What a schema found wrong, by field and issue code (never a value): `user.email invalid_type`. */
function issuesOf(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${issue.path.map(String).join(".") || "the body"} ${issue.code}`
    )
  return parts.join(", ") || "unexpected shape"
}

/** The body every call on a Link session starts with: its `client_secret` and the email. */
export function linkSessionBody(params: {
  clientSecret: string
  email: string
}): { client_secret: string; email: string } {
  return {
    client_secret: params.clientSecret,
    email: params.email.trim().toLowerCase(),
  }
}

/**
 * A `processXResponse` function: the response checked by {@link processResponse} against
 * `schema`, then read by `read` (which may throw the step's own coded errors).
 */
export function linkResponseProcessor<T, R>(
  schema: z.ZodType<T>,
  during: string,
  read: (data: T, response: Response, context: LinkProcessContext) => R
): (response: Response, context?: LinkProcessContext) => Promise<R> {
  return async (response, context = {}) =>
    read(
      await processResponse(response, schema, during, context),
      response,
      context
    )
}

/**
 * Read a response (bounded, under the call's signal) and validate it with `schema`: a failure
 * status, or a 200 that is a documented failure, throws its coded {@link LinkApiError}.
 */
export async function processResponse<T>(
  response: Response,
  schema: z.ZodType<T>,
  during: string,
  context: LinkProcessContext
): Promise<T> {
  const body = await readJson(response, during)
  if (!response.ok) {
    throw errorFrom(response, body.ok ? body.value : undefined, during, context)
  }
  if (!body.ok) throw malformed(response, during, "not JSON")
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
    throw malformed(response, during, issuesOf(result.error), result.error)
  }
  return result.data
}
