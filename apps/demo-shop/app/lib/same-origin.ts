/**
 * Refuses cross-site POSTs to the Auth.js endpoints (sign-in callback, sign-out). Auth.js guards
 * them with a double-submit CSRF token whose cookie is `SameSite=Lax`; this adds the check
 * Next.js applies to server actions: the browser's `Origin` must be this shop. That also stops a
 * sibling subdomain (same site, so able to plant a CSRF cookie) from posting a login or sign-out.
 * Requests without `Origin` (non-browser clients) are left to the CSRF token.
 * @module
 */

/** The host the request was addressed to: the proxy's `X-Forwarded-Host`, else `Host`. */
function requestHost(request: Request): string | undefined {
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]
  return (forwarded ?? request.headers.get("host") ?? undefined)
    ?.trim()
    .toLowerCase()
}

/** Whether a state-changing request comes from this shop's own pages. */
export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site")
  if (site === "cross-site" || site === "same-site") return false
  const origin = request.headers.get("origin")
  if (origin === null) return true
  if (!URL.canParse(origin)) return false // includes the opaque origin "null"
  const host = requestHost(request)
  return host !== undefined && new URL(origin).host.toLowerCase() === host
}

/** Wrap a route handler so that a cross-site request gets a 403 and never reaches it. */
export function sameOriginOnly<R extends Request, Args extends unknown[]>(
  handler: (request: R, ...args: Args) => Promise<Response>
): (request: R, ...args: Args) => Promise<Response> {
  return async (request, ...args) =>
    isSameOriginRequest(request)
      ? handler(request, ...args)
      : Response.json(
          {
            error: "cross_site_request",
            message: "This form must be posted from the shop's own pages.",
          },
          { status: 403 }
        )
}
