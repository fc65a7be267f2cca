/**
 * Test factories: a real simulator, a real hosted-login on free ports, and a small cookie-keeping
 * HTTP "browser" that fills in the hosted pages the way a person would.
 */
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import * as client from "openid-client"
import { expect } from "vitest"
import { useStack } from "@login-with-link/test-helpers/link"
import type { AdapterFactory } from "oidc-provider"
import {
  generateSecrets,
  startHostedLogin,
  type ClientConfigInput,
  type HostedLoginSecrets,
  type RunningHostedLogin,
  type StartHostedLoginOptions,
} from "../src/index.js"

export const SHOP_CALLBACK = "http://127.0.0.1:1/callback"
export const SHOP_HOME = "http://127.0.0.1:1/"

export const SHOP = {
  client_id: "test-shop",
  client_secret: "test-shop-secret-0123456789",
  client_name: "Test Shop",
  redirect_uris: [SHOP_CALLBACK],
  post_logout_redirect_uris: [SHOP_HOME],
  first_party: true,
} satisfies ClientConfigInput

export const OTHER_SHOP = {
  client_id: "third-party-shop",
  client_secret: "third-party-secret-0123456789",
  client_name: "Third Party Shop",
  redirect_uris: ["http://127.0.0.1:2/callback"],
  post_logout_redirect_uris: [],
  first_party: false,
} satisfies ClientConfigInput

export const JO = "jo@example.com"

export interface Stack {
  link: RunningSimulator
  login: RunningHostedLogin
  secrets: HostedLoginSecrets
  errors: unknown[]
  /** The deployment warnings the page logged. */
  warnings: string[]
  close(): Promise<void>
}

/** Starts the simulator and a hosted-login that talks to it. */
export async function startStack(
  options: {
    storage?: AdapterFactory
    secrets?: HostedLoginSecrets
    link?: RunningSimulator
    /** More options of the hosted page (e.g. `emailVerified`). */
    hosted?: Partial<StartHostedLoginOptions>
  } = {}
): Promise<Stack> {
  const link =
    options.link ??
    (await startSimulator({ port: 0, quiet: true, maxSendsPerHour: 1000 }))
  const secrets = options.secrets ?? generateSecrets()
  const errors: unknown[] = []
  const warnings: string[] = []
  const login = await startHostedLogin({
    clients: [SHOP, OTHER_SHOP],
    secrets,
    link: {
      publishableKey: "pk_test_hosted_login",
      apiUrl: link.apiUrl,
      rateLimit: false,
    },
    ...(options.storage ? { storage: options.storage } : {}),
    logError: (_message, error) => errors.push(error),
    logWarning: (message) => warnings.push(message),
    ...options.hosted,
  })
  return {
    link,
    login,
    secrets,
    errors,
    warnings,
    async close() {
      await login.close()
      if (!options.link) await link.close()
    },
  }
}

/** A {@link Stack} with the test shop's openid-client configuration. */
export interface ShopStack extends Stack {
  config: client.Configuration
}

/**
 * The stack for a test file's tests (`useStack`: started before them, stopped after them), with
 * the test shop's configuration; fails the file if the hosted page logged an error by then.
 */
export function useShopStack(
  options: { beforeEach?: (stack: ShopStack) => Promise<void> } = {}
): ShopStack {
  return useStack(
    async () => {
      const stack = await startStack()
      return Object.assign(stack, { config: await discover(stack.login.url) })
    },
    { after: (s) => expect(s.errors).toEqual([]), ...options }
  )
}

/** openid-client configuration for a registered client. */
export async function discover(
  issuer: string,
  shop: { client_id: string; client_secret: string } = SHOP,
  auth?: client.ClientAuth
): Promise<client.Configuration> {
  return client.discovery(
    new URL(issuer),
    shop.client_id,
    undefined,
    auth ?? client.ClientSecretBasic(shop.client_secret),
    { execute: [client.allowInsecureRequests] }
  )
}

/** A cookie jar and manual redirects: enough of a browser for server-rendered forms. */
export class Browser {
  private cookies = new Map<string, string>()
  private options: {
    /** Public origin -> where it really listens (a TLS-terminating proxy's job). */
    aliases?: Record<string, string>
    /** Sent with every request (e.g. the proxy's `X-Forwarded-Proto`). */
    headers?: Record<string, string>
  }
  /** Every Set-Cookie line received, in order. */
  readonly setCookies: string[] = []

  constructor(options: Browser["options"] = {}) {
    this.options = options
  }

  /** The Cookie header this browser sends to `url`'s host. */
  cookieHeader(url: string): string {
    const { host } = new URL(url)
    return [...this.cookies.entries()]
      .filter(([key]) => key.startsWith(`${host}|`))
      .map(([key, value]) => `${key.split("|")[1]}=${value}`)
      .join("; ")
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(this.options.headers)
    new Headers(init.headers).forEach((value, name) => headers.set(name, value))
    const target = new URL(url)
    // The jar's cookies, then any the request adds (a test planting a cookie of its own).
    const cookie = [this.cookieHeader(url), headers.get("cookie")]
      .filter(Boolean)
      .join("; ")
    if (cookie) headers.set("cookie", cookie)
    const real = this.options.aliases?.[target.origin]
    const response = await fetch(
      real ? `${real}${target.pathname}${target.search}` : url,
      { ...init, headers, redirect: "manual" }
    )
    this.setCookies.push(...response.headers.getSetCookie())
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";")
      const [name, ...rest] = (pair ?? "").split("=")
      const value = rest.join("=")
      const key = `${target.host}|${name?.trim()}`
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line))
        this.cookies.delete(key)
      else this.cookies.set(key, value)
    }
    return response
  }

  /** Follows redirects within `origin`; returns the last response and its URL. */
  async follow(
    url: string,
    origin: string,
    init: RequestInit = {}
  ): Promise<{ response: Response; url: string }> {
    let response = await this.request(url, init)
    let current = url
    while (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get("location") ?? "", current).href
      if (new URL(next).origin !== origin) return { response, url: next }
      current = next
      response = await this.request(next)
    }
    return { response, url: current }
  }

  /** Posts a form (urlencoded) and follows redirects within `origin`. */
  post(url: string, origin: string, fields: Record<string, string>) {
    return this.follow(url, origin, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    })
  }
}

function unescape(value: string): string {
  return value
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&")
}

/** The attributes of every `<tag ...>` in a page. */
export function tags(page: string, tag: string): Record<string, string>[] {
  return [...page.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))].map(
    ([, attrs]) =>
      Object.fromEntries(
        [...(attrs ?? "").matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(
          ([, name, value]) => [name!, unescape(value ?? "")]
        )
      )
  )
}

/** The value of a hidden field in a page. */
export function hidden(page: string, name: string): string {
  const input = tags(page, "input").find(
    (i) => i.type === "hidden" && i.name === name
  )
  if (!input) throw new Error(`no hidden field ${name} in page`)
  return input.value ?? ""
}

/** The action of the form whose submit button has this text. */
export function formAction(page: string, contains: string): string {
  const forms = page.split("<form").slice(1)
  const form = forms.find((f) => f.split("</form>")[0]!.includes(contains))
  const action = form && tags(`<form${form}`, "form")[0]?.action
  if (!action) throw new Error(`no form with "${contains}"`)
  return action
}

/** The text of the page's alert region. */
export function alertText(page: string): string {
  const match = /role="alert"[^>]*>(.*?)<\/div>/s.exec(page)
  return unescape((match?.[1] ?? "").replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim()
}

/** The newest code the simulator "texted" to an email. */
export async function latestCode(link: RunningSimulator, email: string) {
  const response = await fetch(
    `${link.url}/__dev/outbox?email=${encodeURIComponent(email)}`
  )
  const { messages } = (await response.json()) as {
    messages: { code: string }[]
  }
  const code = messages[0]?.code
  if (!code) throw new Error(`no code sent to ${email}`)
  return code
}

/** An authorization request with PKCE, state and nonce, as a shop builds it. */
export async function authorizationRequest(
  config: client.Configuration,
  extra: Record<string, string> = {},
  redirectUri = SHOP_CALLBACK
) {
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  })
  return { url, verifier, state, nonce }
}

/**
 * Signs in through the hosted pages: email, code from the simulator's outbox, and back to the
 * shop. Returns the callback URL the shop receives.
 */
export async function signInThroughPages(
  stack: Stack,
  browser: Browser,
  authorizationUrl: URL,
  email = JO
): Promise<URL> {
  const origin = stack.login.url
  const start = await browser.follow(authorizationUrl.href, origin)
  const emailPage = await start.response.text()
  const codeStep = await browser.post(
    new URL(formAction(emailPage, "Continue"), origin).href,
    origin,
    { email }
  )
  const codePage = await codeStep.response.text()
  if (codeStep.response.status !== 200)
    throw new Error(
      `email step failed: ${codeStep.response.status} ${/role="alert"[^>]*>(.*?)<\/div>/s.exec(codePage)?.[1]}`
    )
  const done = await browser.post(
    new URL(formAction(codePage, "Verify"), origin).href,
    origin,
    {
      challenge: hidden(codePage, "challenge"),
      code: await latestCode(stack.link, email),
    }
  )
  if (new URL(done.url).origin === origin)
    throw new Error(
      `sign-in did not return to the shop: ${done.response.status} ${await done.response.text()}`
    )
  return new URL(done.url)
}
