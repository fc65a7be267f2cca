/**
 * The shop's test stack: a real simulator, a real hosted page and the shop on free ports, and a
 * small cookie-keeping "browser" that fills in the hosted page's forms.
 */
import { signInThroughHostedPage } from "@login-with-link/test-helpers/hosted-page"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import {
  generateSecrets,
  startHostedLogin,
  type RunningHostedLogin,
} from "@login-with-link/hosted-login"
import { startShop, type RunningShop } from "../src/index.js"

export const SECRET = "corner-store-test-secret-0123456789"
const CLIENT = {
  id: "corner-store",
  secret: "corner-store-secret-0123456789",
}

/**
 * A cookie-keeping client with manual redirects. `aliases` maps a public origin (say
 * `https://shop.example`, the shop's configured base URL) to where it really listens.
 */
export class Browser {
  jar = new Map<string, string>()
  private aliases: Record<string, string>
  constructor(aliases: Record<string, string> = {}) {
    this.aliases = aliases
  }

  private actual(url: string): string {
    const target = new URL(url)
    const real = this.aliases[target.origin]
    return real ? `${real}${target.pathname}${target.search}` : url
  }

  async go(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    const host = new URL(url).host
    const cookies = [...this.jar].filter(([k]) => k.startsWith(`${host}|`))
    if (cookies.length)
      headers.set(
        "cookie",
        cookies.map(([k, v]) => `${k.split("|")[1]}=${v}`).join("; ")
      )
    const response = await fetch(this.actual(url), {
      ...init,
      headers,
      redirect: "manual",
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";")
      const index = pair.indexOf("=")
      const key = `${host}|${pair.slice(0, index)}`
      const value = pair.slice(index + 1)
      if (!value || /max-age=0/i.test(line)) this.jar.delete(key)
      else this.jar.set(key, value)
    }
    return response
  }

  /** Follows redirects; returns the final response and URL. */
  async follow(url: string, init: RequestInit = {}) {
    let response = await this.go(url, init)
    let current = url
    while (response.status >= 300 && response.status < 400) {
      current = new URL(response.headers.get("location")!, current).href
      response = await this.go(current)
    }
    return { response, url: current, page: await response.text() }
  }

  form(url: string, fields: Record<string, string>) {
    return this.follow(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(url).origin,
      },
      body: new URLSearchParams(fields).toString(),
    })
  }

  /** Whether a cookie of this name (prefix included) is kept for `origin`. */
  has(origin: string, name: string): boolean {
    return this.jar.has(`${new URL(origin).host}|${name}`)
  }
}

export { attr } from "@login-with-link/test-helpers/hosted-page"

/** A running simulator + hosted page + shop. */
export interface ShopStack {
  link: RunningSimulator
  hosted: RunningHostedLogin
  shop: RunningShop
  /** The shop's configured base URL (its public URL); `shop.url` is where it listens. */
  publicUrl: string
  errors: unknown[]
  /** A browser that reaches the shop through its public URL. */
  browser(): Browser
  /** Signs in through the hosted page; returns the final page. */
  signIn(
    browser: Browser,
    email?: string
  ): Promise<{ response: Response; url: string; page: string }>
  close(): Promise<void>
}

/**
 * Starts the stack. `publicUrl(listening)` gives the shop's configured base URL (default: where
 * it listens), to serve it "over https" as a TLS-terminating proxy would.
 */
export async function startShopStack(
  options: { publicUrl?: (listening: string) => string } = {}
): Promise<ShopStack> {
  const errors: unknown[] = []
  const link = await startSimulator({
    port: 0,
    quiet: true,
    maxSendsPerHour: 1000,
  })
  // Start the shop first to learn its port, then the hosted page with the shop registered.
  const reserved = await startShop({
    issuer: "http://127.0.0.1:1",
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    sessionSecret: SECRET,
  })
  const listening = reserved.url
  await reserved.close()
  const publicUrl = options.publicUrl?.(listening) ?? listening
  const hosted = await startHostedLogin({
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        client_name: "Corner Store",
        redirect_uris: [`${publicUrl}/callback`],
        post_logout_redirect_uris: [`${publicUrl}/signed-out`],
        first_party: true,
      },
    ],
    secrets: generateSecrets(),
    link: {
      publishableKey: "pk_test_shop",
      apiUrl: link.apiUrl,
      rateLimit: false,
    },
    logError: (_m, e) => errors.push(e),
  })
  const shop = await startShop({
    port: Number(new URL(listening).port),
    baseUrl: publicUrl,
    issuer: hosted.url,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    sessionSecret: SECRET,
    logError: (_m, e) => errors.push(e),
  })
  const aliases = publicUrl === listening ? {} : { [publicUrl]: listening }

  return {
    link,
    hosted,
    shop,
    publicUrl,
    errors,
    browser: () => new Browser(aliases),
    async signIn(browser, email = "jo@example.com") {
      return signInThroughHostedPage(
        browser,
        {
          from: `${publicUrl}/account`,
          hostedUrl: hosted.url,
          linkUrl: link.url,
        },
        email
      )
    },
    async close() {
      await shop.close()
      await hosted.close()
      await link.close()
    },
  }
}

/** The parts of one Set-Cookie line. */
export function parseSetCookie(line: string): {
  name: string
  value: string
  attributes: Map<string, string>
} {
  const [pair = "", ...rest] = line.split(";")
  const index = pair.indexOf("=")
  const attributes = new Map<string, string>()
  for (const attribute of rest) {
    const [key = "", ...value] = attribute.split("=")
    attributes.set(key.trim().toLowerCase(), value.join("=").trim())
  }
  return {
    name: pair.slice(0, index).trim(),
    value: pair.slice(index + 1).trim(),
    attributes,
  }
}
