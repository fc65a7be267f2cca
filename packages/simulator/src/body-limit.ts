/**
 * The body limit: bodies past `MAX_BODY_BYTES` are refused (413 `parameter_invalid`,
 * `Connection: close`) before any route reads them, at once on Content-Length, and by counting
 * bytes as they arrive when there is none (chunked).
 * @module
 */
import { METHODS } from "node:http"
import type { MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { errorResponse, MESSAGES } from "./errors.js"
import type { SimulatorEnv } from "./fault-middleware.js"
import { OAUTH_MESSAGES, oauthErrorResponse } from "./oauth/errors.js"
import { OAUTH_PREFIX } from "./oauth/routes.js"
import { MAX_BODY_BYTES } from "./params.js"

/**
 * Every method Node's HTTP parser accepts except GET and HEAD: the ones that can carry a body.
 * The limit is registered on these only. A GET or HEAD has no body to count (@hono/node-server
 * hands it none and `new Request` refuses one), and a middleware on every GET would cost each
 * lookup-email call a promise chain, and hono's `c.req.raw.body` check makes the adapter build
 * a full Request and AbortController per call: together most of the simulator's per-request
 * cost (bench figure 6).
 */
export const BODY_METHODS: readonly string[] = METHODS.filter(
  (method) => method !== "GET" && method !== "HEAD"
)

/** Creates the body limit middleware. */
export function limitBodies(): MiddlewareHandler<SimulatorEnv> {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      // OAuth clients parse RFC 6749 errors; everything else gets the simulator's envelope.
      const response = c.req.path.startsWith(`${OAUTH_PREFIX}/`)
        ? oauthErrorResponse("invalid_request", OAUTH_MESSAGES.bodyTooLarge, {
            status: 413,
          })
        : errorResponse("parameter_invalid", {
            message: MESSAGES.bodyTooLarge,
            status: 413,
          })
      response.headers.set("connection", "close")
      return response
    },
  })
}
