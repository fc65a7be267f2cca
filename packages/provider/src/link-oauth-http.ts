/**
 * How `LinkOAuth` talks to Link's OAuth endpoints: one `fetch` wrapper (Auth.js's `customFetch`
 * hook) that adds `Authorization: Bearer <publishable key>` to the token and revoke calls, puts
 * every call under a timeout, reads bodies bounded, and checks each answer against the contract,
 * turning what does not fit into a coded {@link LinkOAuthError} before Auth.js sees it.
 *
 * @module
 */
import { normalizeEmail } from "@login-with-link/core"
import type { LinkOAuthErrorClass } from "./link-oauth-errors.js"

/** The largest answer read from Link, in bytes. */
const MAX_BODY_BYTES = 64 * 1024

/** Where Link's OAuth endpoints are, resolved. */
export interface LinkOAuthEndpoints {
  authorization: string
  token: string
  userinfo: string
  revoke: string
}

/** What the transport needs: the endpoints, the key, the fetch and the timeout. */
export interface LinkOAuthTransport {
  endpoints: LinkOAuthEndpoints
  publishableKey: string
  fetch: typeof fetch
  timeout: number
  OAuthError: LinkOAuthErrorClass
}

/** The detail of a failure, for the server log: the endpoint, the status, Link's error code. */
export interface LinkOAuthFailure {
  endpoint: "token" | "userinfo" | "revoke"
  status: number
  reason: string
  error?: string
}

type Endpoint = LinkOAuthFailure["endpoint"]

function endpointOf(
  url: string,
  endpoints: LinkOAuthEndpoints
): Endpoint | undefined {
  const plain = url.split(/[?#]/, 1)[0]
  if (plain === endpoints.token) return "token"
  if (plain === endpoints.userinfo) return "userinfo"
  if (plain === endpoints.revoke) return "revoke"
  return undefined
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === "string") return input
  if (input instanceof URL) return input.href
  return input.url
}

/** Read at most {@link MAX_BODY_BYTES} of a body as text; `undefined` when larger. */
async function readBounded(response: Response): Promise<string | undefined> {
  const body = response.body
  if (!body) return ""
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

function parseObject(
  text: string | undefined
): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** A lower_snake OAuth error code from an answer, or undefined (never free text from upstream). */
function oauthErrorCode(
  body: Record<string, unknown> | undefined
): string | undefined {
  const error = body?.error
  return typeof error === "string" && /^[a-z][a-z0-9_.]{0,63}$/.test(error)
    ? error
    : undefined
}

/**
 * Normalise a token answer's `scope` to space-separated: Link has been seen answering with
 * commas (`userinfo:read,payment_methods.agentic`).
 */
export function normalizeScope(scope: unknown): string | undefined {
  if (typeof scope !== "string") return undefined
  const parts = scope.split(/[\s,]+/).filter(Boolean)
  return parts.length ? [...new Set(parts)].join(" ") : undefined
}

/** The answer Link gives to a valid token request, as this package hands it on. */
export interface LinkTokenAnswer extends Record<string, unknown> {
  access_token: string
  token_type: string
  refresh_token?: string
  expires_in?: number
  scope?: string
}

/** The fields of Link's userinfo this package relies on; any other field is passed through. */
export interface LinkUserinfo extends Record<string, unknown> {
  /** The stable Link user id. */
  id: string
  /** The person's Link email, as Link sent it. */
  email: string
  name?: string | null
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
}

/** One call under the timeout; a network failure or a timeout is `link_unavailable`. */
async function send(
  transport: LinkOAuthTransport,
  endpoint: Endpoint,
  input: RequestInfo | URL,
  init: RequestInit | undefined
): Promise<{ response: Response; text: string | undefined }> {
  const headers = new Headers(init?.headers)
  // The token and revoke calls carry the publishable key as a bearer (not HTTP Basic); the client
  // credentials are in the body (client_secret_post). Userinfo carries the access token instead.
  if (endpoint !== "userinfo") {
    headers.set("authorization", `Bearer ${transport.publishableKey}`)
  }
  // One controller for the timeout and the caller's signal, its timer stopped once the body is
  // read (cheaper than AbortSignal.timeout + AbortSignal.any per call, as the core's transport).
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(
      new DOMException("Link did not answer in time", "TimeoutError")
    )
  }, transport.timeout)
  const callerSignal = init?.signal
  const onCallerAbort = () => controller.abort(callerSignal?.reason)
  if (callerSignal?.aborted) onCallerAbort()
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true })
  const signal = controller.signal
  // Raced against the signal as well: a `fetch` that ignores it still ends at the deadline.
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener("abort", () => reject(signal.reason), {
      once: true,
    })
  })
  aborted.catch(() => {})
  try {
    const response = await Promise.race([
      transport.fetch(input, { ...init, headers, signal }),
      aborted,
    ])
    // The body is read under the same deadline: a Link that sends headers and stalls is slow too.
    const text = await Promise.race([readBounded(response), aborted])
    return { response, text }
  } catch (error) {
    throw new transport.OAuthError("link_unavailable", {
      endpoint,
      status: 0,
      reason: timedOut
        ? `no answer within ${transport.timeout} ms`
        : `the request failed (${error instanceof Error ? error.name : "error"})`,
    } satisfies LinkOAuthFailure)
  } finally {
    clearTimeout(timer)
    callerSignal?.removeEventListener("abort", onCallerAbort)
  }
}

function fail(
  transport: LinkOAuthTransport,
  endpoint: Endpoint,
  response: Response,
  body: Record<string, unknown> | undefined,
  reason: string
): never {
  const error = oauthErrorCode(body)
  // A 4xx with an OAuth error is this sign-in's fault (a bad, used or foreign code, a PKCE
  // mismatch): start again. Anything else is Link not keeping its contract: try later.
  const code =
    response.status >= 400 &&
    response.status < 500 &&
    response.status !== 429 &&
    error
      ? "oauth_failed"
      : "link_unavailable"
  throw new transport.OAuthError(code, {
    endpoint,
    status: response.status,
    reason,
    ...(error ? { error } : {}),
  } satisfies LinkOAuthFailure)
}

/** Check a token answer: 200, a JSON object with an `access_token` and a bearer `token_type`. */
export function checkTokenAnswer(
  transport: LinkOAuthTransport,
  response: Response,
  text: string | undefined
): LinkTokenAnswer {
  const body = parseObject(text)
  if (response.status !== 200) {
    fail(transport, "token", response, body, "the token request was refused")
  }
  if (!body)
    fail(transport, "token", response, body, "the answer is not a JSON object")
  if (typeof body.access_token !== "string" || body.access_token === "") {
    fail(transport, "token", response, body, "the answer has no access_token")
  }
  if (
    typeof body.token_type !== "string" ||
    body.token_type.toLowerCase() !== "bearer"
  ) {
    fail(
      transport,
      "token",
      response,
      body,
      "the answer's token_type is not Bearer"
    )
  }
  if (
    body.refresh_token !== undefined &&
    typeof body.refresh_token !== "string"
  ) {
    fail(
      transport,
      "token",
      response,
      body,
      "the answer's refresh_token is not a string"
    )
  }
  const scope = normalizeScope(body.scope)
  const answer: LinkTokenAnswer = {
    ...body,
    access_token: body.access_token,
    token_type: body.token_type,
  }
  if (scope === undefined) delete answer.scope
  else answer.scope = scope
  if (
    typeof body.expires_in === "string" &&
    /^\d{1,10}$/.test(body.expires_in)
  ) {
    answer.expires_in = Number(body.expires_in)
  } else if (typeof body.expires_in !== "number") {
    delete answer.expires_in
  }
  return answer
}

/** Check a userinfo answer: 200, a JSON object with a non-blank string `id` and a valid `email`. */
export function checkUserinfo(
  transport: LinkOAuthTransport,
  response: Response,
  text: string | undefined
): LinkUserinfo {
  const body = parseObject(text)
  if (response.status !== 200) {
    fail(
      transport,
      "userinfo",
      response,
      body,
      "the userinfo request was refused"
    )
  }
  if (!body)
    fail(
      transport,
      "userinfo",
      response,
      body,
      "the answer is not a JSON object"
    )
  // The id keys the account: missing, empty, blank or not a string is refused, with no fallback
  // to the email (which can change, and which another Link account may hold later).
  if (
    typeof body.id !== "string" ||
    body.id.trim() === "" ||
    body.id.length > 255
  ) {
    fail(transport, "userinfo", response, body, "the answer has no usable id")
  }
  if (!normalizeEmail(body.email)) {
    fail(transport, "userinfo", response, body, "the answer has no valid email")
  }
  return body as LinkUserinfo
}

function json(value: unknown, response: Response): Response {
  const headers = new Headers(response.headers)
  headers.set("content-type", "application/json")
  headers.delete("content-length")
  headers.delete("content-encoding")
  return new Response(JSON.stringify(value), { status: 200, headers })
}

/**
 * The `fetch` given to Auth.js as the provider's `customFetch`: the Bearer key on the token call,
 * the timeout, and the checks above, so that Auth.js only ever sees an answer that fits.
 */
export function linkOAuthFetch(transport: LinkOAuthTransport): typeof fetch {
  return async (input, init) => {
    const endpoint = endpointOf(urlOf(input), transport.endpoints)
    // Auth.js only calls the token and userinfo endpoints; anything else goes out untouched.
    if (!endpoint) return transport.fetch(input, init)
    const { response, text } = await send(transport, endpoint, input, init)
    if (endpoint === "token")
      return json(checkTokenAnswer(transport, response, text), response)
    if (endpoint === "userinfo")
      return json(checkUserinfo(transport, response, text), response)
    return new Response(text ?? "", {
      status: response.status,
      headers: response.headers,
    })
  }
}

/** A call of this package's own (refresh, revoke): `send` through the same transport. */
export async function linkOAuthCall(
  transport: LinkOAuthTransport,
  endpoint: "token" | "revoke",
  body: URLSearchParams,
  signal?: AbortSignal
): Promise<{ response: Response; text: string | undefined }> {
  return send(transport, endpoint, transport.endpoints[endpoint], {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body,
    ...(signal ? { signal } : {}),
  })
}
