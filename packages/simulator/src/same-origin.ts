/**
 * Whether a request that changes something came from this simulator's own pages (or from no page
 * at all: a script, curl, a test), by `Sec-Fetch-Site` and `Origin`. Used by the sign-up form and
 * the control API.
 * @module
 */
import type { Context } from "hono"

/** True unless the browser says the request came from another site. */
export function sameOrigin(c: Context): boolean {
  const site = c.req.header("sec-fetch-site")
  if (site && site !== "same-origin" && site !== "none") return false
  const origin = c.req.header("origin")
  if (!origin) return true
  return origin === new URL(c.req.url).origin
}
