/**
 * A cookie-keeping client for the tests, with manual redirects. Requests to the shop's origin go
 * straight to its fetch handler (no network), everything else (the hosted page, the simulator)
 * over HTTP. Cookies are kept per host, with their attributes, so tests can check them.
 */
export interface StoredCookie {
  value: string
  /** The whole Set-Cookie line, for attribute checks. */
  line: string
}

/** The header the test shops trust for the client's address (their `clientIpHeader`). */
export const TEST_IP_HEADER = "x-test-client-ip"
let lastIp = 0

export class Browser {
  /** `host|name` -> cookie */
  readonly jar = new Map<string, StoredCookie>()
  /** This browser's address, as the shop's trusted proxy header tells it (one per browser). */
  readonly ip = `198.51.100.${(lastIp = (lastIp % 250) + 1)}`

  private readonly shop: {
    origin: string
    fetch: (request: Request) => Response | Promise<Response>
  }

  constructor(shop: Browser["shop"]) {
    this.shop = shop
  }

  cookie(host: string, name: string): StoredCookie | undefined {
    return this.jar.get(`${host}|${name}`)
  }

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url)
    const headers = new Headers(init.headers)
    const cookies = [...this.jar].filter(([key]) =>
      key.startsWith(`${target.host}|`)
    )
    if (cookies.length)
      headers.set(
        "cookie",
        cookies.map(([key, c]) => `${key.split("|")[1]}=${c.value}`).join("; ")
      )
    if (target.origin === this.shop.origin) headers.set(TEST_IP_HEADER, this.ip)
    const request = new Request(url, { ...init, headers, redirect: "manual" })
    const response =
      target.origin === this.shop.origin
        ? await this.shop.fetch(request)
        : await fetch(request)
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";")
      const index = pair.indexOf("=")
      const key = `${target.host}|${pair.slice(0, index).trim()}`
      const value = pair.slice(index + 1)
      if (
        !value ||
        /max-age=0/i.test(line) ||
        /expires=Thu, 01 Jan 1970/i.test(line)
      )
        this.jar.delete(key)
      else this.jar.set(key, { value, line })
    }
    return response
  }

  /** Follows redirects; returns the final response, its URL and its text. */
  async follow(url: string, init: RequestInit = {}) {
    let response = await this.go(url, init)
    let current = url
    let hops = 0
    while (response.status >= 300 && response.status < 400) {
      if (++hops > 10) throw new Error(`too many redirects from ${url}`)
      current = new URL(response.headers.get("location")!, current).href
      response = await this.go(current)
    }
    return { response, url: current, page: await response.text() }
  }

  /** Posts a form as a browser on the target's own page would (same-origin Origin header). */
  form(
    url: string,
    fields: Record<string, string>,
    origin = new URL(url).origin
  ) {
    return this.follow(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin,
      },
      body: new URLSearchParams(fields).toString(),
    })
  }
}

export { attr } from "@login-with-link/test-helpers/hosted-page"

/** The `data-code` of the page's alert, or undefined. */
export function alertCode(page: string): string | undefined {
  return /<p[^>]*class="alert"[^>]*data-code="([^"]+)"/.exec(page)?.[1]
}
