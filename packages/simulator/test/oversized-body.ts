/**
 * Sends a huge request body the way an attacker's script would, without the test ever holding
 * it: 64 KiB slices of one buffer, written as the socket drains, stopped as soon as the server
 * answers. And the process's memory around it, for "memory stays flat".
 */
import { request, type IncomingHttpHeaders } from "node:http"

export const TWENTY_MB = 20 * 1024 * 1024

/** What the server answered, and how much of the body was written before it did. */
export interface OversizedAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
  /** Bytes handed to the socket before the answer came. */
  sent: number
}

/**
 * POSTs `total` bytes of a form body (`aaaa...`) to `url`. With `chunked`, no Content-Length is
 * sent (Transfer-Encoding: chunked), so the server can only count bytes as they come.
 */
export async function postOversized(
  url: string,
  options: {
    total?: number
    chunked?: boolean
    headers?: Record<string, string>
  } = {}
): Promise<OversizedAnswer> {
  // The server answers 413 and closes while the client is still writing. On a loaded machine
  // Node's client can hit the closed socket (EPIPE, ECONNRESET) before it reads that answer; the
  // server did refuse the body then too, so the post is made again (twice at most) to read it.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await postOnce(url, options)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (attempt >= 3 || (code !== "EPIPE" && code !== "ECONNRESET"))
        throw error
    }
  }
}

function postOnce(
  url: string,
  options: {
    total?: number
    chunked?: boolean
    headers?: Record<string, string>
  }
): Promise<OversizedAnswer> {
  const total = options.total ?? TWENTY_MB
  const slice = Buffer.alloc(64 * 1024, "a")
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = request(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(options.chunked ? {} : { "content-length": String(total) }),
        ...options.headers,
      },
    })
    req.on("response", (res) => {
      answered = true
      const parts: Buffer[] = []
      const done = () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString("utf8"),
          sent,
        })
        req.destroy()
      }
      res.on("data", (part: Buffer) => parts.push(part))
      res.on("end", done)
      res.on("error", done)
    })
    // Once answered, the server may close the connection under the rest of the upload.
    req.on("error", (error) => {
      if (!answered) reject(error)
    })
    const write = () => {
      while (!answered && sent < total) {
        const size = Math.min(slice.length, total - sent)
        sent += size
        if (!req.write(size === slice.length ? slice : slice.subarray(0, size)))
          return void req.once("drain", write)
      }
      if (!answered) req.end()
    }
    write()
  })
}

/**
 * Runs `work` and reports how far the resident set grew above where it started (the largest
 * sample, taken every 5 ms and at the end). Megabytes.
 */
export async function rssGrowthMb<T>(
  work: () => Promise<T>
): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage.rss()
  let peak = before
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }
  const timer = setInterval(sample, 5)
  try {
    const result = await work()
    sample()
    return { result, growthMb: (peak - before) / (1024 * 1024) }
  } finally {
    clearInterval(timer)
  }
}

/** POSTs a small `body` in two chunks with no Content-Length (Transfer-Encoding: chunked). */
export function postChunked(
  url: string,
  body: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers })
    req.on("response", (res) => {
      const parts: Buffer[] = []
      res.on("data", (part: Buffer) => parts.push(part))
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString("utf8"),
        })
      )
      res.on("error", reject)
    })
    req.on("error", reject)
    const half = Math.floor(body.length / 2)
    req.write(body.slice(0, half))
    req.end(body.slice(half))
  })
}
