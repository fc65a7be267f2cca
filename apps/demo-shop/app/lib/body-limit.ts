/**
 * The largest request body the shop reads, and the checks that hold every route to it before
 * anything parses a byte. The shop's forms (email, code, cart) are a few hundred bytes.
 *
 * - Server actions: Next.js counts the bytes itself (`serverActions.bodySizeLimit` in
 *   next.config.ts); proxy.ts answers 413 first when the Content-Length says more.
 * - The Auth.js route (`app/api/auth/[...nextauth]/route.ts`): {@link limitBody}.
 * @module
 */

/** Largest request body read, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024

/** The same limit in the notation next.config.ts takes. */
export const MAX_BODY_SIZE = `${MAX_BODY_BYTES / 1024}kb` as const

/** The 413 answer; the connection is closed rather than the rest of the body drained. */
export function tooLarge(): Response {
  return Response.json(
    {
      error: "request_too_large",
      message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB, which no form of this shop sends.`,
    },
    { status: 413, headers: { connection: "close" } }
  )
}

/** Whether the request says (Content-Length) that its body is over the limit. */
export function declaresTooLargeBody(request: Request): boolean {
  return Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES
}

/**
 * Wraps a route handler: 413 at once for a Content-Length over the limit; a body without one
 * (chunked) is counted as it is read, 413 as soon as it passes the limit, else handed on whole.
 */
export function limitBody<R extends Request, Args extends unknown[]>(
  handler: (request: R, ...args: Args) => Promise<Response>,
  rebuild: (request: R, body: Uint8Array<ArrayBuffer>) => R
): (request: R, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    if (declaresTooLargeBody(request)) return tooLarge()
    if (!request.body || request.headers.has("content-length"))
      return handler(request, ...args)
    const reader = request.body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > MAX_BODY_BYTES) {
        await reader.cancel()
        return tooLarge()
      }
      chunks.push(value)
    }
    const body = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      body.set(chunk, offset)
      offset += chunk.byteLength
    }
    return handler(rebuild(request, body), ...args)
  }
}
