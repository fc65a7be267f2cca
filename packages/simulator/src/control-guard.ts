/**
 * The guard in front of `/__control` and `/__dev`: routes that reset the simulator, move its
 * clock and read every code it "texted". They answer only
 *
 * - a loopback Host (`127.0.0.1`, `localhost`, `[::1]`, any port): a page on another site that
 *   rebinds its own DNS name to 127.0.0.1 still sends its own name as Host, so it cannot read
 *   the outbox;
 * - on a request that changes something (POST, DELETE), no `Origin` or this simulator's own: a
 *   page on another site cannot `POST /__control/reset` through the person's browser;
 * - when a token is configured (`controlToken`, `LINK_SIM_CONTROL_TOKEN`), only with
 *   `Authorization: Bearer <token>` (the outbox page too: with a token it is for programs).
 *
 * Refusals are `403 control_forbidden`, with a message that says which rule and how to comply.
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto"
import type { MiddlewareHandler } from "hono"
import { errorResponse, MESSAGES } from "./errors.js"
import type { SimulatorEnv } from "./fault-middleware.js"
import { sameOrigin } from "./same-origin.js"

/** The Host names a control or dev request may carry. */
export const LOOPBACK_HOSTS: readonly string[] = [
  "127.0.0.1",
  "localhost",
  "[::1]",
]

/** The paths the guard stands in front of. */
const GUARDED = /^\/__(control|dev)(\/|$)/

/** Where the app registers the guard (Hono patterns; `/x/*` also matches `/x`). */
export const GUARDED_PATHS: readonly string[] = ["/__control/*", "/__dev/*"]

const digest = (value: string) => createHash("sha256").update(value).digest()

/** Creates the guard; `token` is the configured control token, if any. */
export function controlGuard(
  token: string | undefined
): MiddlewareHandler<SimulatorEnv> {
  const expected = token === undefined ? undefined : digest(token)
  return async (c, next) => {
    if (!GUARDED.test(c.req.path)) return next()
    const refuse = (message: string) =>
      errorResponse("control_forbidden", { message })
    if (!LOOPBACK_HOSTS.includes(new URL(c.req.url).hostname))
      return refuse(MESSAGES.controlHost)
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && !sameOrigin(c))
      return refuse(MESSAGES.controlOrigin)
    if (expected) {
      const given = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")
      if (!given?.[1] || !timingSafeEqual(digest(given[1]), expected))
        return refuse(MESSAGES.controlToken)
    }
    return next()
  }
}
