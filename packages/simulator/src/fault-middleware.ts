/**
 * Applies an injected fault to an API request: a delay, an error status, a malformed or HTML
 * body, a dropped connection, a request that never answers or a body that never ends.
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { Context } from "hono"
import { errorResponse, MESSAGES } from "./errors.js"
import { ConnectionDropped, type Fault, type RouteName } from "./faults.js"
import type { SimulatorState } from "./state.js"

/** Hono bindings: the Node request and response when served by the listener, nothing in-process. */
export type SimulatorEnv = {
  Bindings:
    { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined
}

/** The body a `malformed` fault answers with: JSON cut short. */
export const MALFORMED_BODY = '{"result":"success","userExistsOnLink":tru'
/** The body an `html` fault answers with, as a proxy in front of an API might. */
export const HTML_BODY =
  "<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"

/** What a `stall` fault sends before it stops: the start of a plausible JSON answer. */
export const STALLED_BODY_START = '{"result":"success","userExistsOnLink":'

/** Thrown into a hung request when the simulator is reset or closed. */
export class HangReleased extends Error {
  override name = "HangReleased"
  constructor() {
    super("Injected hang released: the Link simulator was reset or closed")
  }
}

function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener("abort", onAbort, { once: true })
  })
}

function hang(state: SimulatorState, signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const release = () => reject(new HangReleased())
    state.hangs.add(release)
    signal.addEventListener(
      "abort",
      () => {
        state.hangs.delete(release)
        reject(signal.reason)
      },
      { once: true }
    )
  })
}

/**
 * A 200 whose headers and first bytes arrive, and then nothing: the body never ends, until the
 * client gives up (cancels the body or aborts), or a reset or `close()` ends it.
 */
function stall(state: SimulatorState, signal: AbortSignal): Response {
  let release: (() => void) | undefined
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(STALLED_BODY_START))
      release = () => {
        try {
          controller.error(new HangReleased())
        } catch {
          // already closed by the client
        }
      }
      state.hangs.add(release)
      signal.addEventListener("abort", () => forget(), { once: true })
    },
    cancel() {
      forget()
    },
  })
  const forget = () => {
    if (release) state.hangs.delete(release)
  }
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
  })
}

const spentAccepted = new WeakSet<Request>()

/**
 * Whether an `accept_spent` fault applies to this request: authenticate then accepts a spent
 * client_secret with the code that spent it, as a Link that broke single use would.
 */
export const acceptsSpent = (request: Request): boolean =>
  spentAccepted.has(request)

/** Applies a fault taken for a route; undefined means "answer normally". */
export async function applyFault(
  state: SimulatorState,
  fault: Fault,
  route: RouteName,
  c: Context<SimulatorEnv>
): Promise<Response | undefined> {
  const authenticate = route === "authenticate"
  switch (fault.kind) {
    case "access_denied":
    case "oauth_error":
    case "no_email":
    case "no_id":
    case "other_person":
    case "profile":
      // The OAuth handlers apply these themselves (see oauth/guard.ts).
      return undefined
    case "accept_spent":
      // Not a failure of the answer: the authenticate handler reads it (see acceptsSpent).
      spentAccepted.add(c.req.raw)
      return undefined
    case "latency":
      await waitFor(fault.latencyMs ?? 1000, c.req.raw.signal)
      return undefined
    case "status": {
      const status = fault.status ?? 500
      const code = status === 429 ? "rate_limit" : "api_error"
      const retryAfter = fault.retryAfter ?? (status === 429 ? 1 : undefined)
      return errorResponse(code, {
        status,
        message: MESSAGES.injected,
        authenticate,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      })
    }
    case "malformed":
      return new Response(MALFORMED_BODY, {
        status: fault.status ?? 200,
        headers: { "content-type": "application/json; charset=utf-8" },
      })
    case "html":
      return new Response(HTML_BODY, {
        status: fault.status ?? 502,
        headers: { "content-type": "text/html; charset=utf-8" },
      })
    case "drop":
      c.env?.incoming?.socket.destroy()
      throw new ConnectionDropped()
    case "hang":
      return hang(state, c.req.raw.signal)
    case "stall":
      return stall(state, c.req.raw.signal)
  }
}
