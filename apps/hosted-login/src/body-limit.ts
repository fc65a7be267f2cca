/**
 * The body limit in front of every route: the interaction pages and oidc-provider's own
 * endpoints (`/token`, `/session/end/confirm`, ...), before anything parses a byte.
 *
 * - With a Content-Length over the limit, the answer is 413 at once, nothing read. Node's HTTP
 *   parser never hands over more bytes than the Content-Length says, so a length within the limit
 *   is a body within the limit.
 * - Without one (`Transfer-Encoding: chunked`), bytes are counted as they arrive: 413 as soon as
 *   the count passes the limit, so at most the limit is ever held. A body that fits is handed on
 *   as a request with a Content-Length, as if it had been sent with one.
 *
 * oidc-provider has a limit of its own (56 KB, answered as 400 `invalid_request`); this one is
 * lower and answers 413 for every route alike.
 * @module
 */
import { IncomingMessage, type ServerResponse } from "node:http"

/** Largest request body accepted, in bytes: the biggest form here (the code step) is ~6 KB. */
export const MAX_BODY_BYTES = 16 * 1024

/** What to send when a body is over the limit (the response is then closed). */
export type TooLarge = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Calls `next` with the request (or, for a chunked body that fits, an equivalent request with a
 * Content-Length), or answers through `tooLarge` and closes the connection.
 */
export function limitBody(
  req: IncomingMessage,
  res: ServerResponse,
  tooLarge: TooLarge,
  next: (req: IncomingMessage) => void,
  limit = MAX_BODY_BYTES
): void {
  const refuse = () => {
    // The rest of the body is not read: close the connection rather than drain it.
    res.shouldKeepAlive = false
    res.setHeader("Connection", "close")
    tooLarge(req, res)
  }
  if (req.headers["transfer-encoding"] === undefined) {
    const length = Number(req.headers["content-length"] ?? 0)
    if (length > limit) return refuse()
    return next(req)
  }
  const chunks: Buffer[] = []
  let size = 0
  const stop = () => {
    req.off("data", onData)
    req.off("end", onEnd)
    req.off("error", onError)
  }
  const onData = (chunk: Buffer) => {
    size += chunk.length
    if (size > limit) {
      stop()
      chunks.length = 0
      req.resume()
      return refuse()
    }
    chunks.push(chunk)
  }
  const onEnd = () => {
    stop()
    next(withBody(req, Buffer.concat(chunks, size)))
  }
  // The client went away mid-body: there is no one to answer.
  const onError = () => {
    stop()
    res.destroy()
  }
  req.on("data", onData)
  req.on("end", onEnd)
  req.on("error", onError)
}

/** `req` with its (already read) body replayed, as a Content-Length request. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket)
  copy.method = req.method
  copy.url = req.url
  copy.httpVersion = req.httpVersion
  copy.httpVersionMajor = req.httpVersionMajor
  copy.httpVersionMinor = req.httpVersionMinor
  const headers = { ...req.headers, "content-length": String(body.length) }
  delete headers["transfer-encoding"]
  copy.headers = headers
  const raw: string[] = []
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!
    if (!/^(transfer-encoding|content-length)$/i.test(name))
      raw.push(name, req.rawHeaders[i + 1]!)
  }
  raw.push("Content-Length", String(body.length))
  copy.rawHeaders = raw
  copy.push(body)
  copy.push(null)
  copy.complete = true
  return copy
}
