/**
 * The hosted page's cookies. With an https issuer (behind a TLS-terminating proxy, as in
 * production) every cookie is Secure and prefixed: the session `__Host-session` and the known-device
 * cookie `__Host-link_device` (Path=/, no Domain), the path-scoped interaction and resume cookies
 * `__Secure-`. Decided by the issuer URL, not NODE_ENV. With a local http issuer (development)
 * they are oidc-provider's plain names and `link_device`.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { useSimulator } from "@login-with-link/test-helpers/link"
import * as client from "openid-client"
import {
  createHostedLogin,
  generateSecrets,
  startHostedLogin,
} from "../src/index.js"
import {
  Browser,
  JO,
  SHOP,
  authorizationRequest,
  discover,
  signInThroughPages,
  startStack,
  type Stack,
} from "./utils.js"

const ISSUER = "https://login.example"
const SHOP_CALLBACK = "https://shop.example/callback"

function parseSetCookie(line: string) {
  const [pair = "", ...rest] = line.split(";")
  const attributes = new Map<string, string>()
  for (const attribute of rest) {
    const [key = "", ...value] = attribute.split("=")
    attributes.set(key.trim().toLowerCase(), value.join("=").trim())
  }
  const index = pair.indexOf("=")
  return {
    name: pair.slice(0, index),
    value: pair.slice(index + 1),
    attributes,
  }
}

/** The cookies a browser kept from a list of Set-Cookie lines (deletions dropped). */
function kept(lines: string[]) {
  return lines
    .map(parseSetCookie)
    .filter((c) => c.value && c.attributes.get("max-age") !== "0")
    .filter((c) => !/1970/.test(c.attributes.get("expires") ?? ""))
}

const link = useSimulator({ maxSendsPerHour: 1000, reset: false })

describe("an https issuer behind a TLS-terminating proxy", () => {
  let server: Server
  let listening: string
  const errors: unknown[] = []

  beforeAll(async () => {
    const hosted = createHostedLogin({
      issuer: ISSUER,
      trustProxy: true,
      clients: [{ ...SHOP, redirect_uris: [SHOP_CALLBACK] }],
      secrets: generateSecrets(),
      link: {
        publishableKey: "pk_test_cookies",
        apiUrl: link.apiUrl,
        rateLimit: false,
      },
      logError: (_m, e) => errors.push(e),
    })
    server = createServer(hosted.listener)
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    listening = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    expect(errors).toEqual([])
  })

  /** A browser reaching the issuer through the proxy (which says https, and the public host). */
  const browser = () =>
    new Browser({
      aliases: { [ISSUER]: listening },
      headers: {
        "x-forwarded-proto": "https",
        "x-forwarded-host": new URL(ISSUER).host,
      },
    })

  /** The authorization request a shop would send, built by hand (no discovery over https). */
  async function authorizationUrl() {
    const verifier = client.randomPKCECodeVerifier()
    const url = new URL(`${ISSUER}/auth`)
    url.search = new URLSearchParams({
      client_id: SHOP.client_id,
      redirect_uri: SHOP_CALLBACK,
      response_type: "code",
      scope: "openid email profile",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: client.randomState(),
      nonce: client.randomNonce(),
    }).toString()
    return url
  }

  test("every cookie is Secure, HttpOnly, SameSite=Lax and prefixed; the session is __Host-", async () => {
    const person = browser()
    const url = await authorizationUrl()
    const stack = { link, login: { url: ISSUER } } as unknown as Stack
    const callback = await signInThroughPages(stack, person, url)
    expect(callback.origin + callback.pathname).toBe(SHOP_CALLBACK)

    const cookies = kept(person.setCookies)
    const names = new Set(cookies.map((c) => c.name))
    expect(names).toEqual(
      new Set([
        "__Secure-interaction",
        "__Secure-interaction.sig",
        "__Secure-interaction_resume",
        "__Secure-interaction_resume.sig",
        "__Host-session",
        "__Host-session.sig",
        "__Host-link_device",
      ])
    )
    for (const cookie of cookies) {
      expect(cookie.attributes.has("secure"), cookie.name).toBe(true)
      expect(cookie.attributes.has("httponly"), cookie.name).toBe(true)
      // Attribute values are case-insensitive (RFC 6265): oidc-provider writes "lax", Hono "Lax".
      expect(
        cookie.attributes.get("samesite")?.toLowerCase(),
        cookie.name
      ).toBe("lax")
      expect(cookie.attributes.has("domain"), cookie.name).toBe(false)
      if (cookie.name.startsWith("__Host-"))
        expect(cookie.attributes.get("path"), cookie.name).toBe("/")
    }
    expect(
      cookies
        .find((c) => c.name === "__Secure-interaction")!
        .attributes.get("path")
    ).toMatch(/^\/interaction\/[\w-]+$/)

    // The prefixed session is read back: a second sign-in needs no code.
    const again = await person.follow((await authorizationUrl()).href, ISSUER)
    expect(new URL(again.url).origin + new URL(again.url).pathname).toBe(
      SHOP_CALLBACK
    )
  })

  test("a request that did not come through https is refused plainly, never a 500", async () => {
    const page = await fetch(`${listening}/interaction/anything`)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain("This page needs HTTPS")
    const auth = await fetch(`${listening}/auth?client_id=${SHOP.client_id}`)
    expect(auth.status).toBe(400)
    expect(await auth.json()).toMatchObject({ error: "invalid_request" })
    const health = await fetch(`${listening}/healthz`)
    expect(health.status).toBe(200)
  })

  test("startHostedLogin refuses an https issuer it cannot serve as https (no trusted proxy)", async () => {
    await expect(
      startHostedLogin({
        issuer: ISSUER,
        clients: [SHOP],
        secrets: generateSecrets(),
        link: { publishableKey: "pk_test_cookies", apiUrl: link.apiUrl },
      })
    ).rejects.toThrow(/HOSTED_LOGIN_TRUST_PROXY=1/)
  })
})

describe("a local http issuer (development)", () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack({ link })
  })
  afterAll(async () => {
    await stack.close()
  })

  test("cookies keep oidc-provider's names and no Secure, which browsers refuse over http", async () => {
    const person = new Browser()
    const config = await discover(stack.login.url)
    const { url } = await authorizationRequest(config)
    await signInThroughPages(stack, person, url, JO)
    const cookies = kept(person.setCookies)
    expect(cookies.map((c) => c.name)).toContain("_session")
    expect(cookies.map((c) => c.name)).toContain("_interaction")
    expect(cookies.map((c) => c.name)).toContain("link_device")
    for (const cookie of cookies)
      expect(cookie.attributes.has("secure"), cookie.name).toBe(false)
  })
})
