/**
 * Known devices, through the hosted pages: a stranger's wrong codes lock an email
 * (`failuresPerEmail`), but the browser where the person signed in before keeps its device cookie
 * and still gets a code and signs in; without that cookie, or with another email's, a forged, an
 * oversized or a hostile one, the email stays locked (and no request is a 500). Over a local http
 * issuer (`link_device`) and an https one behind a TLS-terminating proxy (`__Host-link_device`).
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, beforeEach, describe, expect, test } from "vitest"
import * as client from "openid-client"
import {
  linkErrorCopy,
  MemoryRateLimiter,
  type LoginWithLinkOptions,
} from "@login-with-link/core"
import { useSimulator } from "@login-with-link/test-helpers/link"
import { createHostedLogin, generateSecrets } from "../src/index.js"
import {
  Browser,
  JO,
  SHOP,
  SHOP_CALLBACK,
  alertText,
  formAction,
  hidden,
  latestCode,
  startStack,
} from "./utils.js"

const SAM = "sam@example.com"
const NINETY_DAYS = 90 * 86_400
const link = useSimulator({ maxSendsPerHour: 1000 })

/** Every limit on (the default limiter), and the lock after 3 wrong codes instead of 20. */
const linkOptions = (): Omit<LoginWithLinkOptions, "secret"> => ({
  publishableKey: "pk_test_known_device",
  apiUrl: link.apiUrl,
  rateLimit: new MemoryRateLimiter(),
  rateLimits: { failuresPerEmail: { points: 3, windowMs: 6 * 3_600_000 } },
})

/** A running hosted page, reached as a browser reaches it. */
interface Page {
  /** The issuer: where people open it. */
  origin: string
  /** The registered callback of the test shop. */
  callback: string
  /** The device cookie's name here. */
  cookieName: string
  secure: boolean
  browser(): Browser
  errors: unknown[]
  close(): Promise<void>
}

/** A local http issuer (development), as the other tests run it. */
async function httpPage(): Promise<Page> {
  const stack = await startStack({ link, hosted: { link: linkOptions() } })
  return {
    origin: stack.login.url,
    callback: SHOP_CALLBACK,
    cookieName: "link_device",
    secure: false,
    browser: () => new Browser(),
    errors: stack.errors,
    close: () => stack.close(),
  }
}

/** An https issuer behind a TLS-terminating proxy (which says https, the host and the client). */
async function httpsPage(): Promise<Page> {
  const issuer = "https://login.example"
  const callback = "https://shop.example/callback"
  const errors: unknown[] = []
  const hosted = createHostedLogin({
    issuer,
    trustProxy: true,
    clients: [{ ...SHOP, redirect_uris: [callback] }],
    secrets: generateSecrets(),
    link: linkOptions(),
    logError: (_message, error) => errors.push(error),
  })
  const server: Server = createServer(hosted.listener)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const listening = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin: issuer,
    callback,
    cookieName: "__Host-link_device",
    secure: true,
    browser: () =>
      new Browser({
        aliases: { [issuer]: listening },
        headers: {
          "x-forwarded-proto": "https",
          "x-forwarded-host": new URL(issuer).host,
          "x-forwarded-for": "203.0.113.7",
        },
      }),
    errors,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** The attributes of a Set-Cookie line, lower-cased names. */
function parseSetCookie(line: string) {
  const [pair = "", ...rest] = line.split(";")
  const index = pair.indexOf("=")
  return {
    name: pair.slice(0, index).trim(),
    value: pair.slice(index + 1),
    attributes: new Map(
      rest.map((attribute) => {
        const [key = "", ...value] = attribute.split("=")
        return [key.trim().toLowerCase(), value.join("=").trim()] as const
      })
    ),
  }
}

describe.each([
  { scheme: "http", start: httpPage },
  { scheme: "https", start: httpsPage },
])("over $scheme", ({ start }) => {
  let page: Page

  beforeEach(async () => {
    page = await start()
  })
  afterEach(async () => {
    await page.close()
    expect(page.errors).toEqual([])
  })

  /** Opens the hosted page for the test shop; answers the email step's page. */
  async function open(browser: Browser, extra: Record<string, string> = {}) {
    const url = new URL(`${page.origin}/auth`)
    url.search = new URLSearchParams({
      client_id: SHOP.client_id,
      redirect_uri: page.callback,
      response_type: "code",
      scope: "openid email profile",
      code_challenge: await client.calculatePKCECodeChallenge(
        client.randomPKCECodeVerifier()
      ),
      code_challenge_method: "S256",
      state: client.randomState(),
      nonce: client.randomNonce(),
      ...extra,
    }).toString()
    const opened = await browser.follow(url.href, page.origin)
    const text = await opened.response.text()
    expect(text).toContain('<label for="email">Email address</label>')
    return text
  }

  /**
   * Opens the page and submits `email` (with `cookie` added to the browser's own cookies, for a
   * cookie the test plants). `prompt=login`: a browser signed in here before is asked again, as
   * once its session here ended.
   */
  async function submitEmail(browser: Browser, email: string, cookie?: string) {
    const emailPage = await open(browser, { prompt: "login" })
    const response = await browser.request(
      new URL(formAction(emailPage, "Continue"), page.origin).href,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(cookie === undefined ? {} : { cookie }),
        },
        body: new URLSearchParams({ email }).toString(),
      }
    )
    return { response, text: await response.text() }
  }

  /** Posts a code; answers the code step's own response (not followed). */
  async function postCode(browser: Browser, codePage: string, code: string) {
    return browser.request(
      new URL(formAction(codePage, "Verify"), page.origin).href,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          challenge: hidden(codePage, "challenge"),
          code,
          // A field a page could forge: the token is for the email the challenge sealed.
          email: "someone.else@example.com",
        }).toString(),
      }
    )
  }

  /**
   * Signs `email` in with the right code; checks the device cookie is set on the code step's own
   * response, and that the browser gets back to the shop with a code. Answers the cookie's value.
   */
  async function signIn(browser: Browser, email: string, cookie?: string) {
    const step = await submitEmail(browser, email, cookie)
    expect(step.response.status, alertText(step.text)).toBe(200)
    const done = await postCode(
      browser,
      step.text,
      await latestCode(link, email)
    )
    expect(done.status).toBe(303)
    const set = done.headers
      .getSetCookie()
      .map(parseSetCookie)
      .filter((c) => c.name === page.cookieName)
    expect(set).toHaveLength(1)
    const back = await browser.follow(
      new URL(done.headers.get("location")!, page.origin).href,
      page.origin
    )
    const callback = new URL(back.url)
    expect(callback.origin + callback.pathname).toBe(page.callback)
    expect(callback.searchParams.has("code")).toBe(true)
    return set[0]!
  }

  /** A stranger's three wrong codes at `email`: a new start there is refused. */
  async function strangerLocks(email: string) {
    const stranger = page.browser()
    const step = await submitEmail(stranger, email)
    expect(step.response.status).toBe(200)
    const right = await latestCode(link, email)
    const wrong = right === "111111" ? "222222" : "111111"
    for (let i = 0; i < 3; i++) await postCode(stranger, step.text, wrong)
    await expectLocked(stranger, email)
  }

  async function expectLocked(
    browser: Browser,
    email: string,
    cookie?: string
  ) {
    const { response, text } = await submitEmail(browser, email, cookie)
    expect(response.status, cookie).toBe(429)
    expect(alertText(text)).toContain(linkErrorCopy.too_many_attempts.message)
  }

  test("a stranger locks the email; the person's browser with its device cookie still gets a code and signs in", async () => {
    const person = page.browser()
    const cookie = await signIn(person, JO)
    // httpOnly (no script reads it), Lax, the whole site, as long as the token; prefixed and
    // Secure over https, so only this host, over https, could have set it.
    expect(cookie.attributes.has("httponly")).toBe(true)
    expect(cookie.attributes.get("samesite")?.toLowerCase()).toBe("lax")
    expect(cookie.attributes.get("path")).toBe("/")
    expect(cookie.attributes.get("max-age")).toBe(String(NINETY_DAYS))
    expect(cookie.attributes.has("domain")).toBe(false)
    expect(cookie.attributes.has("secure")).toBe(page.secure)

    await strangerLocks(JO)
    // Another browser, with no device cookie: locked, as the stranger is.
    await expectLocked(page.browser(), JO)

    // The person's browser: a code, and the right one signs in (and renews the cookie).
    const renewed = await signIn(person, JO)
    expect(renewed.value).not.toBe(cookie.value)
  })

  test("another email's device cookie, a forged, oversized or hostile one leaves the email locked, and is never a 500", async () => {
    const person = page.browser()
    const mine = (await signIn(person, JO)).value
    const sams = (await signIn(page.browser(), SAM)).value
    await strangerLocks(JO)

    const name = page.cookieName
    const forged = `${mine.slice(0, -3)}${mine.endsWith("AAA") ? "BBB" : "AAA"}`
    for (const cookie of [
      `${name}=${sams}`,
      `link_device=${sams}`,
      `${name}=${forged}`,
      `${name}=${mine}${"A".repeat(1100)}`,
      `${name}=garbage`,
      `${name}=`,
      `${name}="${"x".repeat(8000)}"`,
      `${name}=%E0%A4%A`,
      `${name}=%00%ff; ${name}=\u00ff\u00fe`,
      `${name}=${sams}; link_device=${forged}`,
      `=; ;;; ==${name}; ${name}==`,
    ])
      await expectLocked(page.browser(), JO, cookie)

    // A header larger than Node accepts is refused before any route: not a 500.
    const huge = page.browser()
    const emailPage = await open(huge)
    const refused = await huge.request(
      new URL(formAction(emailPage, "Continue"), page.origin).href,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: `${name}=${"x".repeat(64 * 1024)}`,
        },
        body: new URLSearchParams({ email: JO }).toString(),
      }
    )
    expect(refused.status).toBe(431)

    // The person's own browser, with the cookie the page set: not locked.
    await signIn(person, JO)
  })
})
