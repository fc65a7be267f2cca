/**
 * `LinkOAuth` from `@login-with-link/next/provider` through next-auth's own route handlers
 * (`handlers.GET`/`POST`), against the simulator's login.link.com and api.link.com, in-process:
 * the sign-in, its two upstream calls, and every fault and forged parameter ending on the sign-in
 * page with a code and no session.
 */
import NextAuth from "next-auth"
import { NextRequest } from "next/server"
import { createSimulator, type Simulator } from "@login-with-link/simulator"
import { linkJwt, readLinkOAuthError } from "@login-with-link/provider"
import { beforeEach, describe, expect, it } from "vitest"
import { LinkOAuth } from "../src/provider/index.js"

const SIM = "http://127.0.0.1:4010"
const SHOP = "http://localhost:3000"
const SECRET = "next-test-secret-0123456789-abcdefghijkl"
const KEY = "pk_test_sim"
const SESSION = "authjs.session-token"

let sim: Simulator

beforeEach(() => {
  sim = createSimulator({ quiet: true })
})

const simFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  sim.fetch(new Request(input, init))) as typeof fetch

function shop(options: Parameters<typeof LinkOAuth>[0] = {}) {
  return NextAuth({
    providers: [
      LinkOAuth({
        clientId: "shop_dev",
        clientSecret: "shop_dev_secret",
        publishableKey: KEY,
        url: `${SIM}/oauth`,
        apiUrl: `${SIM}/oauth`,
        fetch: simFetch,
        ...options,
      }),
    ],
    secret: SECRET,
    trustHost: true,
    pages: { signIn: "/login", error: "/login" },
    logger: { error() {}, warn() {}, debug() {} },
    callbacks: {
      jwt: linkJwt,
      session: ({ session, token }) => ({
        ...session,
        user: { ...session.user, id: token.sub!, provider: token.provider },
      }),
    },
  })
}

/** A browser on the shop: a cookie jar and next-auth's handlers. */
function browser(app: ReturnType<typeof shop>) {
  const jar = new Map<string, string>()
  async function call(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (jar.size)
      headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "))
    const request = new NextRequest(new URL(path, SHOP), {
      ...init,
      headers,
    } as ConstructorParameters<typeof NextRequest>[1])
    const handler =
      (init.method ?? "GET") === "GET" ? app.handlers.GET : app.handlers.POST
    const response = await handler(request)
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";")
      const eq = pair!.indexOf("=")
      const value = pair!.slice(eq + 1)
      if (value === "" || /max-age=0/i.test(line))
        jar.delete(pair!.slice(0, eq))
      else jar.set(pair!.slice(0, eq), value)
    }
    return response
  }
  return {
    jar,
    call,
    async start(callbackUrl = "/account"): Promise<string> {
      const { csrfToken } = (await (await call("/api/auth/csrf")).json()) as {
        csrfToken: string
      }
      const response = await call("/api/auth/signin/link-oauth", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, callbackUrl }),
      })
      expect(response.status).toBe(302)
      return response.headers.get("location")!
    },
    async back(location: string) {
      const url = new URL(location)
      const response = await call(`${url.pathname}${url.search}`)
      return response.headers.get("location")!
    },
    async session() {
      return (await (await call("/api/auth/session")).json()) as {
        user?: Record<string, unknown>
      } | null
    },
  }
}

/** Link's page, as the simulator's control endpoint runs it (checked exactly like GET /oauth/auth). */
async function approve(
  authorizationUrl: string,
  as: { email?: string; decline?: boolean }
) {
  const response = await sim.fetch(
    new Request(`${SIM}/__control/oauth/authorize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ authorizationUrl, ...as }),
    })
  )
  expect(response.status).toBe(200)
  return ((await response.json()) as { location: string }).location
}

async function fault(
  route: string,
  kind: string,
  extra: Record<string, unknown> = {}
) {
  const response = await sim.fetch(
    new Request(`${SIM}/__control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route, kind, ...extra }),
    })
  )
  expect(response.status).toBeLessThan(300)
}

async function stats() {
  const response = await sim.fetch(new Request(`${SIM}/__control/stats`))
  return (await response.json()) as { calls: Record<string, number> }
}

function codeOf(location: string) {
  const url = new URL(location)
  expect(url.origin).toBe(SHOP)
  expect(url.pathname).toBe("/login")
  return readLinkOAuthError(url.searchParams)
}

describe("LinkOAuth through next-auth's handlers, on the simulator", () => {
  it("signs in: Link's page, then exactly one token and one userinfo call; the session is the person's", async () => {
    const person = browser(shop())
    const authorizationUrl = await person.start()
    expect(new URL(authorizationUrl).searchParams.get("key")).toBe(KEY)
    const before = (await stats()).calls
    expect(
      await person.back(
        await approve(authorizationUrl, { email: "jo@example.com" })
      )
    ).toBe(`${SHOP}/account`)
    expect(person.jar.has(SESSION)).toBe(true)
    expect(await person.session()).toMatchObject({
      user: {
        id: "jo@example.com",
        email: "jo@example.com",
        provider: "link-oauth",
      },
    })
    // The protocol's minimum: one token call and one userinfo call, nothing else upstream.
    const after = (await stats()).calls
    const delta = Object.fromEntries(
      Object.entries(after)
        .map(([route, n]) => [route, n - (before[route] ?? 0)])
        .filter(([, n]) => n !== 0)
    )
    expect(delta).toEqual({ token: 1, userinfo: 1 })
  })

  it.each([
    [
      "the token endpoint answers invalid_grant",
      "token",
      "oauth_error",
      {},
      "oauth_failed",
    ],
    [
      "the token endpoint fails (500)",
      "token",
      "status",
      { status: 500 },
      "link_unavailable",
    ],
    ["the token answer is HTML", "token", "html", {}, "link_unavailable"],
    ["userinfo has no email", "userinfo", "no_email", {}, "link_unavailable"],
    ["userinfo has no id", "userinfo", "no_id", {}, "link_unavailable"],
    ["userinfo is not JSON", "userinfo", "malformed", {}, "link_unavailable"],
  ])(
    "%s: a coded error on the sign-in page and no session",
    async (_, route, kind, extra, code) => {
      await fault(route, kind, extra)
      const person = browser(shop())
      const authorizationUrl = await person.start()
      const location = await person.back(
        await approve(authorizationUrl, { email: "jo@example.com" })
      )
      expect(codeOf(location)).toBe(code)
      expect(person.jar.has(SESSION)).toBe(false)
      expect(await person.session()).toBeNull()
    }
  )

  it("the person declines on Link's page (error=access_denied): oauth_denied, and no token call", async () => {
    const person = browser(shop())
    const location = await person.back(
      await approve(await person.start(), { decline: true })
    )
    expect(codeOf(location)).toBe("oauth_denied")
    expect(person.jar.has(SESSION)).toBe(false)
  })

  it("a slow Link (a hung token endpoint) times out as link_unavailable", async () => {
    await fault("token", "hang")
    const person = browser(shop({ timeout: 100 }))
    const location = await person.back(
      await approve(await person.start(), { email: "jo@example.com" })
    )
    expect(codeOf(location)).toBe("link_unavailable")
  })

  it("a replayed code, a wrong state and a code from another browser's sign-in: oauth_failed, no session", async () => {
    const app = shop()
    const first = browser(app)
    const callback = await approve(await first.start(), {
      email: "jo@example.com",
    })
    const cookies = new Map(first.jar)
    expect(await first.back(callback)).toBe(`${SHOP}/account`)

    const replay = browser(app)
    for (const [k, v] of cookies) replay.jar.set(k, v)
    expect(codeOf(await replay.back(callback))).toBe("oauth_failed")
    expect(replay.jar.has(SESSION)).toBe(false)

    const wrongState = browser(app)
    const url = new URL(
      await approve(await wrongState.start(), { email: "jo@example.com" })
    )
    url.searchParams.set("state", "forged")
    expect(codeOf(await wrongState.back(url.href))).toBe("oauth_failed")

    const victim = browser(app)
    await victim.start()
    const attacker = browser(app)
    const attackersCallback = new URL(
      await approve(await attacker.start(), { email: "sam@example.com" })
    )
    const victimsOwn = new URL(
      await approve(await victim.start(), { email: "jo@example.com" })
    )
    // The attacker's code in the victim's callback (its PKCE verifier is not the victim's).
    victimsOwn.searchParams.set(
      "code",
      attackersCallback.searchParams.get("code")!
    )
    expect(codeOf(await victim.back(victimsOwn.href))).toBe("oauth_failed")
    expect(await victim.session()).toBeNull()
  })

  it("identity parameters added to the callback are ignored: the person is the one the code was issued for", async () => {
    const person = browser(shop())
    const url = new URL(
      await approve(await person.start(), { email: "jo@example.com" })
    )
    url.searchParams.set("email", "sam@example.com")
    url.searchParams.set("id", "usr_forged")
    url.searchParams.set("access_token", "liwltoken_forged")
    expect(await person.back(url.href)).toBe(`${SHOP}/account`)
    expect(await person.session()).toMatchObject({
      user: { email: "jo@example.com" },
    })
  })

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
  ])("a hostile callbackUrl %s stays on the shop's origin", async (hostile) => {
    const person = browser(shop())
    const location = await person.back(
      await approve(await person.start(hostile), { email: "jo@example.com" })
    )
    expect(new URL(location).origin).toBe(SHOP)
  })
})
