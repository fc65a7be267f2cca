/**
 * The Corner Store against a real hosted-login and a real simulator: sign-in through the hosted
 * page, its own signed session, the callback's checks, and RP-initiated logout.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
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

const SECRET = "corner-store-test-secret-0123456789"
let link: RunningSimulator
let shop: RunningShop
const errors: unknown[] = []

beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, maxSendsPerHour: 1000 })
})

/** A cookie-keeping client with manual redirects. */
class Browser {
  jar = new Map<string, string>()
  async go(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    const host = new URL(url).host
    const cookies = [...this.jar].filter(([k]) => k.startsWith(`${host}|`))
    if (cookies.length)
      headers.set(
        "cookie",
        cookies.map(([k, v]) => `${k.split("|")[1]}=${v}`).join("; ")
      )
    const response = await fetch(url, { ...init, headers, redirect: "manual" })
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
}

function attr(page: string, pattern: RegExp): string {
  const match = pattern.exec(page)
  if (!match?.[1]) throw new Error(`not found: ${pattern}`)
  return match[1].replaceAll("&amp;", "&")
}

describe("the Corner Store", () => {
  let issuerLogin: RunningHostedLogin

  beforeAll(async () => {
    // Start the shop first to learn its URL, then the hosted page with the shop registered.
    const reserved = await startShop({
      issuer: "http://127.0.0.1:1",
      clientId: "corner-store",
      clientSecret: "corner-store-secret-0123456789",
      sessionSecret: SECRET,
    })
    const shopUrl = reserved.url
    await reserved.close()
    issuerLogin = await startHostedLogin({
      clients: [
        {
          client_id: "corner-store",
          client_secret: "corner-store-secret-0123456789",
          client_name: "Corner Store",
          redirect_uris: [`${shopUrl}/callback`],
          post_logout_redirect_uris: [`${shopUrl}/signed-out`],
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
    shop = await startShop({
      port: Number(new URL(shopUrl).port),
      issuer: issuerLogin.url,
      clientId: "corner-store",
      clientSecret: "corner-store-secret-0123456789",
      sessionSecret: SECRET,
      logError: (_m, e) => errors.push(e),
    })
  })
  afterAll(async () => {
    await shop?.close()
    await issuerLogin?.close()
    await link.close()
  })

  async function signIn(browser = new Browser(), email = "jo@example.com") {
    const start = await browser.follow(`${shop.url}/account`)
    expect(start.url.startsWith(issuerLogin.url)).toBe(true)
    const emailAction = attr(
      start.page,
      /<form method="post" action="([^"]+\/email)"/
    )
    const codeStep = await browser.form(
      new URL(emailAction, issuerLogin.url).href,
      { email }
    )
    const challenge = attr(codeStep.page, /name="challenge"\s+value="([^"]+)"/)
    const codeAction = attr(codeStep.page, /action="([^"]+\/code)"/)
    const outbox = (await (
      await fetch(`${link.url}/__dev/outbox?email=${email}`)
    ).json()) as {
      messages: { code: string }[]
    }
    return browser.form(new URL(codeAction, issuerLogin.url).href, {
      challenge,
      code: outbox.messages[0]!.code,
    })
  }

  test("the account page sends a stranger to the hosted page with PKCE S256, state and nonce", async () => {
    const response = await fetch(`${shop.url}/account`, { redirect: "manual" })
    expect(response.headers.get("location")).toBe("/login?return_to=/account")
    const login = await fetch(`${shop.url}/login`, { redirect: "manual" })
    const url = new URL(login.headers.get("location")!)
    expect(url.origin + url.pathname).toBe(`${issuerLogin.url}/auth`)
    expect(url.searchParams.get("code_challenge_method")).toBe("S256")
    for (const p of ["code_challenge", "state", "nonce"])
      expect(url.searchParams.get(p)).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get("redirect_uri")).toBe(`${shop.url}/callback`)
    expect(login.headers.getSetCookie().join()).toMatch(
      /shop_signin=.*HttpOnly.*SameSite=Lax/i
    )
  })

  test("signing in through the hosted page lands on the account page with the Link claims", async () => {
    const browser = new Browser()
    const done = await signIn(browser)
    expect(done.url).toBe(`${shop.url}/account`)
    expect(done.page).toContain("jo@example.com")
    expect(done.page).toContain("Jo Doe")
    expect(
      [...browser.jar.keys()].some((k) => k.endsWith("|shop_session"))
    ).toBe(true)
  })

  test("a tampered session cookie is ignored", async () => {
    const browser = new Browser()
    await signIn(browser)
    const key = [...browser.jar.keys()].find((k) =>
      k.endsWith("|shop_session")
    )!
    const [value, signature] = decodeURIComponent(browser.jar.get(key)!).split(
      "."
    )
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(value!, "base64url").toString()),
        email: "mallory@example.com",
      })
    ).toString("base64url")
    browser.jar.set(key, encodeURIComponent(`${forged}.${signature}`))
    const response = await browser.go(`${shop.url}/account`)
    expect(response.status).toBe(302)
  })

  test("a callback without the sign-in cookie, or with a forged state, is refused", async () => {
    const stranger = await fetch(`${shop.url}/callback?code=x&state=y`)
    expect(stranger.status).toBe(400)
    expect(await stranger.text()).toContain("Sign-in expired")

    const browser = new Browser()
    const login = await browser.go(`${shop.url}/login`)
    const state = new URL(login.headers.get("location")!).searchParams.get(
      "state"
    )
    const forged = await browser.go(
      `${shop.url}/callback?code=abc&state=not-${state}&iss=${encodeURIComponent(issuerLogin.url)}`
    )
    expect(forged.status).toBe(400)
    expect(await forged.text()).toContain("We could not confirm the sign-in.")
    expect(errors.length).toBeGreaterThan(0)
    errors.length = 0
  })

  test("sign-out clears the shop session and ends the hosted one through RP-initiated logout", async () => {
    const browser = new Browser()
    await signIn(browser)
    const out = await browser.go(`${shop.url}/logout`, {
      method: "POST",
      headers: { origin: shop.url },
    })
    expect(out.status).toBe(303)
    const endSession = new URL(out.headers.get("location")!)
    expect(endSession.origin + endSession.pathname).toBe(
      `${issuerLogin.url}/session/end`
    )
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(
      `${shop.url}/signed-out`
    )
    expect(endSession.searchParams.get("id_token_hint")).toBeTruthy()
    expect(
      [...browser.jar.keys()].some((k) => k.endsWith("|shop_session"))
    ).toBe(false)

    const confirm = await browser.follow(endSession.href)
    const xsrf = attr(confirm.page, /name="xsrf" value="([^"]+)"/)
    const action = attr(confirm.page, /<form[^>]*action="([^"]+)"/)
    const back = await browser.form(new URL(action, issuerLogin.url).href, {
      xsrf,
      logout: "yes",
    })
    expect(back.url).toBe(`${shop.url}/signed-out`)
    expect(back.page).toContain("You are signed out.")
    const again = await browser.follow(`${shop.url}/account`)
    expect(again.page).toContain('name="email"')
  })

  test("a cross-site sign-out post is refused", async () => {
    const response = await fetch(`${shop.url}/logout`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    })
    expect(response.status).toBe(403)
  })
})
