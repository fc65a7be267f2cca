/**
 * A browser's cookie jar around a `fetch` (or an app's handler), for the tests and benches that
 * sign in over HTTP: it sends back the cookies it was given and drops a cleared one.
 *
 * @module
 */

/** What the jar sends requests with: `fetch`, or an app's `handler`. */
export type SendRequest = (request: Request) => Promise<Response>

/**
 * `fetch` with a cookie jar over `send`. With `origin`, every request carries it as its Origin
 * header (as a browser's request from the app's page does).
 */
export function cookieJarFetch(
  send: SendRequest,
  options: { origin?: string } = {}
): {
  fetch: (
    input: string | URL | Request,
    init?: RequestInit
  ) => Promise<Response>
  jar: Map<string, string>
} {
  const jar = new Map<string, string>()
  const fetch = async (
    input: string | URL | Request,
    init?: RequestInit
  ): Promise<Response> => {
    const request = new Request(input, init)
    if (options.origin) request.headers.set("origin", options.origin)
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ")
    if (cookie) request.headers.set("cookie", cookie)
    const response = await send(request)
    for (const set of response.headers.getSetCookie()) {
      const pair = set.split(";")[0] ?? ""
      const at = pair.indexOf("=")
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)]
      if (/;\s*max-age=0(;|$)/i.test(set) || value === "") jar.delete(name)
      else jar.set(name, value)
    }
    return response
  }
  return { fetch, jar }
}
