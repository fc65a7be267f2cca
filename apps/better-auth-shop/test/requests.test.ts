/**
 * What every request meets before the sign-in code: bounded bodies, same-origin posts (the shop's
 * forms and Better Auth's origin check), security headers, the client address the shop trusts,
 * and coded answers for what is not there.
 */
import { request as httpRequest } from "node:http"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { MAX_BODY_BYTES, startShop, type RunningShop } from "../src/index.js"
import { alertCode, TEST_IP_HEADER } from "./browser.js"
import { SHOP_ORIGIN, shopOptions } from "./shop-options.js"

let link: RunningSimulator
let shop: RunningShop
const warnings: string[] = []

beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, maxSendsPerHour: 1000 })
  shop = await startShop(
    shopOptions({
      link: { publishableKey: "pk_test_shop", apiUrl: link.apiUrl },
      logError: () => {},
      logWarning: (message) => warnings.push(message),
    })
  )
}, 120_000)

afterAll(async () => {
  await shop?.close()
  await link?.close()
})

async function linkCalls(): Promise<number> {
  const stats = (await (await fetch(`${link.url}/__control/stats`)).json()) as {
    total: number
  }
  return stats.total
}

let nextIp = 1
/** A request to the shop from its own client address. */
function send(
  path: string,
  init: RequestInit = {},
  ip = `192.0.2.${nextIp++}`
) {
  const headers = new Headers(init.headers)
  headers.set(TEST_IP_HEADER, ip)
  return shop.fetch(new Request(`${SHOP_ORIGIN}${path}`, { ...init, headers }))
}

describe("same-origin posts", () => {
  test.each(["/login", "/login/code", "/login/resend", "/logout"])(
    "a cross-site post to %s is refused (403, in words) before anything happens",
    async (path) => {
      const before = await linkCalls()
      const refused: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "null" },
        // No Origin at all, and the browser says it came from another site (or says nothing).
        { "sec-fetch-site": "cross-site" },
        {},
      ]
      for (const headers of refused) {
        const response = await send(path, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            ...headers,
          },
          body: "email=jo%40example.com&code=123456",
        })
        expect(response.status).toBe(403)
        expect(alertCode(await response.text())).toBe("cross_site_request")
      }
      expect(await linkCalls()).toBe(before)
    }
  )

  test("a same-origin post without Origin (Sec-Fetch-Site: same-origin) is accepted", async () => {
    const response = await send("/login", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "same-origin",
      },
      body: "email=jo%40example.com&return_to=%2F",
    })
    expect(response.status).toBe(303)
    expect(response.headers.get("location")).toBe("/login/code")
  })

  test("a hostile page's post straight to the plugin's endpoint is refused (4xx), no Link call", async () => {
    // What another site can send without a CORS preflight: the three "simple" content types.
    // (A cross-site JSON post needs a preflight, which the shop does not allow.)
    const before = await linkCalls()
    for (const [contentType, body] of [
      ["application/x-www-form-urlencoded", "email=jo%40example.com"],
      [
        "multipart/form-data; boundary=x",
        '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\njo@example.com\r\n--x--\r\n',
      ],
      ["text/plain", '{"email":"jo@example.com"}'],
    ] as const) {
      const response = await send("/api/auth/sign-in/link/start", {
        method: "POST",
        headers: {
          "content-type": contentType,
          origin: "https://evil.example",
        },
        body,
      })
      expect(response.status, contentType).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
    }
    expect(await linkCalls()).toBe(before)
    const preflight = await send("/api/auth/sign-in/link/start", {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    })
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull()
  })
})

describe("bounded bodies", () => {
  test.each(["/login", "/login/code", "/api/auth/sign-in/link/start"])(
    "a body over 16 KB to %s is refused with 413, in words or as a code",
    async (path) => {
      const before = await linkCalls()
      const response = await send(path, {
        method: "POST",
        headers: {
          "content-type": path.startsWith("/api/")
            ? "application/json"
            : "application/x-www-form-urlencoded",
          origin: SHOP_ORIGIN,
        },
        body: path.startsWith("/api/")
          ? JSON.stringify({ email: "a".repeat(MAX_BODY_BYTES) })
          : `email=${"a".repeat(MAX_BODY_BYTES)}`,
      })
      expect(response.status).toBe(413)
      if (path.startsWith("/api/"))
        expect(await response.json()).toMatchObject({ code: "BODY_TOO_LARGE" })
      else expect(alertCode(await response.text())).toBe("body_too_large")
      expect(await linkCalls()).toBe(before)
    }
  )

  test("a streamed body (no Content-Length) over the bound is refused too", async () => {
    const chunk = new TextEncoder().encode("email=" + "a".repeat(4096))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const response = await send("/login", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: SHOP_ORIGIN,
      },
      body,
      duplex: "half",
    } as RequestInit)
    expect(response.status).toBe(413)
  })

  test("odd form bodies are coded refusals, never a 500", async () => {
    for (const [contentType, body] of [
      ["application/x-www-form-urlencoded", "email=%E0%A4%A"],
      ["application/x-www-form-urlencoded", "email=a&email=b"],
      ["multipart/form-data; boundary=x", "--x\r\nbroken"],
      ["application/json", '{"email":'],
      ["text/plain", "email=jo@example.com"],
    ] as const) {
      const response = await send("/login", {
        method: "POST",
        headers: { "content-type": contentType, origin: SHOP_ORIGIN },
        body,
      })
      expect(response.status, `${contentType} ${body}`).toBeGreaterThanOrEqual(
        400
      )
      expect(response.status).toBeLessThan(500)
      expect(alertCode(await response.text())).toMatch(/^[a-z_]+$/)
    }
  })
})

describe("headers and addresses", () => {
  test("pages carry a strict CSP, nosniff, no-store and no framing", async () => {
    const response = await send("/login")
    const csp = response.headers.get("content-security-policy")!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("form-action 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get("x-content-type-options")).toBe("nosniff")
    expect(response.headers.get("cache-control")).toBe("no-store")
  })

  test("a client cannot choose its rate-limit address: the shop's own header is replaced", async () => {
    // Better Auth allows 10 starts a minute per address. The spoofed header changes every time,
    // the trusted one does not: the 11th start is refused. (Emails not on Link: no text is sent,
    // so the core's per-email send limit stays out of it.)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const response = await send(
        "/api/auth/sign-in/link/start",
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: SHOP_ORIGIN,
            "x-shop-client-ip": `203.0.113.${i}`,
            "x-forwarded-for": `203.0.113.${i}`,
          },
          body: JSON.stringify({ email: `nobody-${i}@example.com` }),
        },
        "192.0.2.250"
      )
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  test("without SHOP_CLIENT_IP_HEADER the connection's address is the client's: a rotating X-Forwarded-For gets no fresh budget, another address has its own", async () => {
    // Listening on a real port, with the URL it listens on.
    const { baseUrl: _inMemoryOrigin, ...options } = shopOptions({
      clientIpHeader: undefined,
      link: { publishableKey: "pk_test_shop", apiUrl: link.apiUrl },
      logError: () => {},
    })
    const direct = await startShop(options)
    /** A start posted from `localAddress` (both are loopback addresses on Linux). */
    const startFrom = (localAddress: string, i: number) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ email: `direct-${i}@example.com` })
        const request = httpRequest(
          `${direct.url}/api/auth/sign-in/link/start`,
          {
            method: "POST",
            localAddress,
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              origin: direct.url,
              "x-forwarded-for": `203.0.113.${i}`,
              "x-real-ip": `198.51.100.${i}`,
            },
          },
          (response) => {
            response.resume()
            response.on("end", () => resolve(response.statusCode ?? 0))
          }
        )
        request.on("error", reject)
        request.end(body)
      })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 11; i++)
        statuses.push(await startFrom("127.0.0.1", i))
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200))
      expect(statuses[10]).toBe(429)
      // Someone else, at another address, is not limited by them.
      expect(await startFrom("127.0.0.2", 11)).toBe(200)
    } finally {
      await direct.close()
    }
  })

  test("a request without the configured client-IP header has no address, and the first one is logged once", async () => {
    warnings.length = 0
    for (let i = 0; i < 3; i++) {
      const response = await shop.fetch(new Request(`${SHOP_ORIGIN}/login`))
      expect(response.status).toBe(200)
    }
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain("SHOP_CLIENT_IP_HEADER")
    expect(warnings[0]).toContain(TEST_IP_HEADER)
  })

  test("an unknown page is a coded 404 page; /healthz answers", async () => {
    const missing = await send("/nope")
    expect(missing.status).toBe(404)
    expect(alertCode(await missing.text())).toBe("not_found")
    expect(await (await send("/healthz")).json()).toEqual({ ok: true })
  })
})
