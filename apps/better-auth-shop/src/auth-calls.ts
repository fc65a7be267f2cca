/**
 * How the shop's own routes talk to Better Auth: a `Request` to `auth.handler`, built on the
 * server from the incoming one. So every call goes through Better Auth's whole pipeline (origin
 * check, rate limits, hooks), and the `Set-Cookie` headers it answers with (the session cookie, the
 * OAuth state cookie) are handed on to the browser unchanged.
 * @module
 */
import type { Context } from "hono"
import { AUTH_BASE_PATH, CLIENT_IP_HEADER, type ShopAuth } from "./auth.js"
import type { ShopSession } from "./views.js"

/** What Better Auth answered. */
export interface AuthAnswer<T = unknown> {
  status: number
  /** The parsed JSON body (`null` when there is none or it is not JSON). */
  data: T | null
  headers: Headers
}

/** Options of {@link createAuthCalls}. */
export interface AuthCallsOptions {
  auth: ShopAuth
  baseUrl: string
  /** The client's address for Better Auth's (and the Link plugin's) rate limits. */
  clientIp: (c: Context) => string | undefined
}

/** The headers of a request to Better Auth: the browser's cookies, the shop's origin, the client IP. */
function forwardedHeaders(
  c: Context,
  options: AuthCallsOptions,
  extra: Record<string, string> = {}
): Headers {
  const headers = new Headers(extra)
  const cookie = c.req.header("cookie")
  if (cookie) headers.set("cookie", cookie)
  const userAgent = c.req.header("user-agent")
  if (userAgent) headers.set("user-agent", userAgent.slice(0, 512))
  const ip = options.clientIp(c)
  if (ip) headers.set(CLIENT_IP_HEADER, ip)
  return headers
}

/** The shop's calls to Better Auth. */
export function createAuthCalls(options: AuthCallsOptions) {
  const origin = new URL(options.baseUrl).origin
  const authUrl = `${options.baseUrl}${AUTH_BASE_PATH}`

  async function call<T>(
    c: Context,
    path: string,
    init: { method: "GET" } | { method: "POST"; body: unknown }
  ): Promise<AuthAnswer<T>> {
    const headers = forwardedHeaders(
      c,
      options,
      init.method === "POST"
        ? // The shop's own form routes have already checked that the post is same-origin.
          { "content-type": "application/json", origin }
        : {}
    )
    const response = await options.auth.handler(
      new Request(`${authUrl}${path}`, {
        method: init.method,
        headers,
        ...(init.method === "POST" ? { body: JSON.stringify(init.body) } : {}),
      })
    )
    const text = await response.text()
    let data: T | null
    try {
      data = text ? (JSON.parse(text) as T) : null
    } catch {
      data = null
    }
    return { status: response.status, data, headers: response.headers }
  }

  return {
    call,
    /**
     * Everything else under `/api/auth/*` (Better Auth's own endpoints, the OAuth callback):
     * passed through as it came, except the client-IP header, which the shop sets itself.
     */
    passThrough(c: Context): Promise<Response> {
      const headers = new Headers(c.req.raw.headers)
      headers.delete(CLIENT_IP_HEADER)
      const ip = options.clientIp(c)
      if (ip) headers.set(CLIENT_IP_HEADER, ip)
      return options.auth.handler(new Request(c.req.raw, { headers }))
    },
    /** The signed-in session, or undefined. A refreshed session cookie is handed on. */
    async session(c: Context): Promise<ShopSession | undefined> {
      const answer = await call<ShopSession>(c, "/get-session", {
        method: "GET",
      })
      if (answer.status >= 500)
        throw new Error(`Better Auth answered ${answer.status} to get-session`)
      forwardCookies(c, answer.headers)
      return answer.data?.user ? answer.data : undefined
    },
  }
}

/** The shop's calls to Better Auth. */
export type AuthCalls = ReturnType<typeof createAuthCalls>

/** Hands the `Set-Cookie` headers of Better Auth's answer on to the browser. */
export function forwardCookies(c: Context, headers: Headers): void {
  for (const cookie of headers.getSetCookie())
    c.header("set-cookie", cookie, { append: true })
}
