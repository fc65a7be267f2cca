import { describe, expect, test, vi } from "vitest"
import {
  MAX_BODY_BYTES,
  MAX_BODY_SIZE,
  declaresTooLargeBody,
  limitBody,
} from "../app/lib/body-limit"

const URL_ = "http://127.0.0.1:3000/api/auth/callback/link"

/** A body of `total` bytes made as it is read (64 KiB at a time), never held whole. */
function lazyBody(total: number): ReadableStream<Uint8Array> {
  const slice = new Uint8Array(64 * 1024).fill(97)
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close()
      const size = Math.min(slice.byteLength, total - sent)
      sent += size
      controller.enqueue(slice.slice(0, size))
    },
  })
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(URL_, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body,
    duplex: "half",
  } as RequestInit)

function wrapped() {
  const handler = vi.fn(async (request: Request) =>
    Response.json({ length: (await request.arrayBuffer()).byteLength })
  )
  const route = limitBody(
    handler,
    (request, body) =>
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body,
      })
  )
  return { handler, route }
}

describe("the body limit", () => {
  test("is 16 KB, written for next.config.ts as 16kb", () => {
    expect(MAX_BODY_BYTES).toBe(16 * 1024)
    expect(MAX_BODY_SIZE).toBe("16kb")
  })

  test("a declared Content-Length over it is refused before the handler, nothing read", async () => {
    const { handler, route } = wrapped()
    const body = lazyBody(20 * 1024 * 1024)
    const request = post(body, { "content-length": String(20 * 1024 * 1024) })
    expect(declaresTooLargeBody(request)).toBe(true)
    const response = await route(request)
    expect(response.status).toBe(413)
    expect(response.headers.get("connection")).toBe("close")
    expect(await response.json()).toMatchObject({ error: "request_too_large" })
    expect(handler).not.toHaveBeenCalled()
  })

  test("a chunked 20 MB body is counted and refused at the limit; memory stays flat", async () => {
    const { handler, route } = wrapped()
    const before = process.memoryUsage.rss()
    const response = await route(post(lazyBody(20 * 1024 * 1024)))
    const growthMb = (process.memoryUsage.rss() - before) / 2 ** 20
    expect(response.status).toBe(413)
    expect(handler).not.toHaveBeenCalled()
    expect(growthMb).toBeLessThan(16)
  })

  test("a chunked body within the limit reaches the handler whole", async () => {
    const { handler, route } = wrapped()
    const response = await route(post(lazyBody(MAX_BODY_BYTES)))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ length: MAX_BODY_BYTES })
    expect(handler).toHaveBeenCalledOnce()
  })

  test("a body with a Content-Length within the limit is passed through untouched", async () => {
    const { route } = wrapped()
    const response = await route(post("csrfToken=x&code=123456"))
    expect(await response.json()).toEqual({ length: 23 })
  })
})
