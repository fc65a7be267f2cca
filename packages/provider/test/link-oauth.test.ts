/**
 * `LinkOAuth`: the whole round trip through Auth.js (`Auth()`), against a strict stand-in for
 * Link's OAuth endpoints behind an intercepted `fetch`; and every bad answer or forged parameter
 * ending on the sign-in page with a code and no session.
 */
import type { AuthConfig } from "@auth/core"
import type { Account } from "@auth/core/types"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { LinkOAuth, type LinkOAuthOptions } from "../src/link-oauth.js"
import { linkJwt } from "../src/link-jwt.js"
import { readLinkOAuthError } from "../src/link-oauth-errors.js"
import {
  API,
  CLIENT,
  createBrowser,
  createFakeLink,
  JO,
  LOGIN,
  SAM,
  SHOP,
  type FakeLink,
  fakeLinkOAuth,
} from "./link-oauth-harness.js"

const SECRET = "a-test-secret-that-is-long-enough-0123"
const SESSION_COOKIE = "authjs.session-token"

let link: FakeLink
let accounts: Account[]

function provider(options: LinkOAuthOptions = {}) {
  return fakeLinkOAuth(link, options)
}

function config(options: LinkOAuthOptions = {}): AuthConfig {
  return {
    providers: [provider(options)],
    secret: SECRET,
    trustHost: true,
    basePath: "/auth",
    pages: { signIn: "/login", error: "/login" },
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
    callbacks: {
      jwt(params) {
        if (params.account) accounts.push(params.account)
        return linkJwt(params)
      },
      session({ session, token }) {
        return {
          ...session,
          user: { ...session.user, id: token.sub!, provider: token.provider },
        }
      },
    },
  }
}

/** Where a failed sign-in lands: /login with Auth.js's query, read into our code. */
function failure(location: string | null) {
  expect(location).not.toBeNull()
  const url = new URL(location!)
  expect(url.origin).toBe(SHOP)
  expect(url.pathname).toBe("/login")
  return readLinkOAuthError(url.searchParams)
}

beforeEach(() => {
  link = createFakeLink()
  accounts = []
})

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("LinkOAuth: the provider config", () => {
  it("is an Auth.js oauth provider with PKCE and state, client_secret_post and the key on the authorization URL", () => {
    const p = provider()
    expect(p).toMatchObject({
      id: "link-oauth",
      name: "Link",
      type: "oauth",
      checks: ["pkce", "state"],
      client: { token_endpoint_auth_method: "client_secret_post" },
      authorization: {
        url: `${LOGIN}/auth`,
        params: { scope: "userinfo:read", key: CLIENT.key },
      },
      token: `${LOGIN}/auth/token`,
      userinfo: `${API}/userinfo`,
    })
  })

  it("reads AUTH_LINK_OAUTH_ID, AUTH_LINK_OAUTH_SECRET, AUTH_LINK_KEY and the URL overrides from the environment", () => {
    vi.stubEnv("AUTH_LINK_OAUTH_ID", "env_client")
    vi.stubEnv("AUTH_LINK_OAUTH_SECRET", "env_secret")
    vi.stubEnv("AUTH_LINK_KEY", "pk_test_env")
    vi.stubEnv("AUTH_LINK_OAUTH_URL", "http://127.0.0.1:4010/oauth/")
    vi.stubEnv("AUTH_LINK_OAUTH_API_URL", "http://127.0.0.1:4010/oauth")
    const p = LinkOAuth()
    expect(p).toMatchObject({
      clientId: "env_client",
      clientSecret: "env_secret",
      authorization: {
        url: "http://127.0.0.1:4010/oauth/auth",
        params: { key: "pk_test_env" },
      },
      token: "http://127.0.0.1:4010/oauth/auth/token",
      userinfo: "http://127.0.0.1:4010/oauth/userinfo",
    })
  })

  it("defaults to login.link.com and api.link.com", () => {
    const p = LinkOAuth({
      clientId: "c",
      clientSecret: "s",
      publishableKey: "pk_live_abc",
    })
    expect(p.token).toBe("https://login.link.com/auth/token")
    expect(p.userinfo).toBe("https://api.link.com/userinfo")
  })

  it("takes wallet scopes only when asked, space- or comma-separated or as a list", () => {
    expect(
      provider({ scope: "userinfo:read,payment_methods.agentic" }).authorization
    ).toMatchObject({
      params: { scope: "userinfo:read payment_methods.agentic" },
    })
    expect(
      provider({ scope: ["userinfo:read", "payment_methods.agentic"] })
        .authorization
    ).toMatchObject({
      params: { scope: "userinfo:read payment_methods.agentic" },
    })
  })

  it("refuses missing or bad options with a TypeError that names the option and its variable", () => {
    expect(() =>
      LinkOAuth({ clientSecret: "s", publishableKey: "pk_test_x" })
    ).toThrow(/clientId is required: set AUTH_LINK_OAUTH_ID/)
    expect(() =>
      LinkOAuth({ clientId: "c", publishableKey: "pk_test_x" })
    ).toThrow(/clientSecret is required: set AUTH_LINK_OAUTH_SECRET/)
    expect(() =>
      LinkOAuth({
        clientId: "c",
        clientSecret: "s",
        publishableKey: "sk_test_x",
      })
    ).toThrow(/publishableKey must be a Stripe publishable key.*AUTH_LINK_KEY/)
    expect(() => provider({ url: "http://login.link.com" })).toThrow(
      /url must be https/
    )
    expect(() =>
      provider({ tokenUrl: "https://login.link.com/auth/token?x=1" })
    ).toThrow(/tokenUrl must not have a query/)
    expect(() => provider({ scope: "" })).toThrow(/scope must not be empty/)
    expect(() => provider({ scope: 'userinfo:read "x"' })).toThrow(
      /scope has an invalid scope token/
    )
    expect(() => provider({ timeout: 0 })).toThrow(/timeout must be/)
  })

  it("maps a userinfo profile to the user: Link's id, the normalised email, the name or first and last name, email not verified", () => {
    const { profile } = provider()
    expect(
      profile!({ id: "u1", email: " Jo@Example.com ", name: "Jo Example" }, {})
    ).toEqual({
      id: "u1",
      email: "jo@example.com",
      name: "Jo Example",
      image: null,
      emailVerified: null,
    })
    expect(
      profile!(
        {
          id: "u2",
          email: "sam@example.com",
          name: null,
          first_name: "Sam",
          last_name: "Smith",
        },
        {}
      )
    ).toMatchObject({
      name: "Sam Smith",
    })
    expect(profile!({ id: "u3", email: "a@example.com" }, {})).toMatchObject({
      name: null,
    })
  })
})

describe("LinkOAuth: a sign-in through Auth.js", () => {
  it("signs in with exactly two calls to Link: the token (Bearer key, credentials in the body, PKCE) and userinfo", async () => {
    const browser = createBrowser(config())
    const authorizationUrl = await browser.startSignIn("link-oauth", "/account")
    const url = new URL(authorizationUrl)
    expect(url.searchParams.get("scope")).toBe("userinfo:read")
    expect(url.searchParams.get("key")).toBe(CLIENT.key)
    expect(url.searchParams.get("state")).toBeTruthy()
    expect(url.searchParams.get("redirect_uri")).toBe(
      `${SHOP}/auth/callback/link-oauth`
    )

    const back = await browser.callback(link.authorize(authorizationUrl, JO))
    expect(back).toEqual({ status: 302, location: `${SHOP}/account` })
    expect(browser.jar.has(SESSION_COOKIE)).toBe(true)

    expect(link.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${LOGIN}/auth/token`,
      `GET ${API}/userinfo`,
    ])
    const [token, userinfo] = link.requests
    expect(token!.headers.get("authorization")).toBe(`Bearer ${CLIENT.key}`)
    expect(Object.fromEntries(token!.body)).toMatchObject({
      grant_type: "authorization_code",
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      redirect_uri: `${SHOP}/auth/callback/link-oauth`,
    })
    expect(token!.body.get("code_verifier")).toMatch(/^[\w-]{43,128}$/)
    expect(userinfo!.headers.get("authorization")).toMatch(/^Bearer liwltoken_/)

    const session = await browser.session()
    expect(session).toMatchObject({
      user: {
        id: "jo@example.com",
        email: "jo@example.com",
        name: "Jo Example",
        provider: "link-oauth",
      },
    })
    // Comma-separated scope in Link's answer is stored space-separated.
    expect(accounts[0]).toMatchObject({
      provider: "link-oauth",
      type: "oauth",
      providerAccountId: JO.id,
      scope: "userinfo:read",
    })
  })

  it("gives the person the same id at every sign-in (linkJwt), from the first and last name when Link has no name", async () => {
    const first = createBrowser(config())
    await first.callback(link.authorize(await first.startSignIn(), SAM))
    const second = createBrowser(config())
    await second.callback(link.authorize(await second.startSignIn(), SAM))
    const a = await first.session()
    const b = await second.session()
    expect(a).toMatchObject({
      user: { id: "sam@example.com", name: "Sam Smith" },
    })
    expect((b as { user: { id: string } }).user.id).toBe(
      (a as { user: { id: string } }).user.id
    )
  })

  it("asks for wallet scopes when configured, and accepts them back comma-separated", async () => {
    const browser = createBrowser(
      config({ scope: "userinfo:read payment_methods.agentic" })
    )
    const authorizationUrl = await browser.startSignIn()
    expect(new URL(authorizationUrl).searchParams.get("scope")).toBe(
      "userinfo:read payment_methods.agentic"
    )
    await browser.callback(link.authorize(authorizationUrl, JO))
    expect(accounts[0]!.scope).toBe("userinfo:read payment_methods.agentic")
  })
})

describe("LinkOAuth: bad answers from Link fail closed with a code and no session", () => {
  async function signInWith(options: LinkOAuthOptions = {}) {
    const browser = createBrowser(config(options))
    const back = await browser.callback(
      link.authorize(await browser.startSignIn(), JO)
    )
    expect(back.status).toBe(302)
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
    expect(await browser.session()).toBeNull()
    return failure(back.location)
  }

  it("a token error (invalid_grant) is oauth_failed", async () => {
    link.faults.token = () =>
      Response.json({ error: "invalid_grant" }, { status: 400 })
    expect(await signInWith()).toBe("oauth_failed")
  })

  it("a token endpoint that fails (500) is link_unavailable", async () => {
    link.faults.token = () =>
      Response.json({ error: "server_error" }, { status: 500 })
    expect(await signInWith()).toBe("link_unavailable")
  })

  it("a token answer that is not JSON is link_unavailable", async () => {
    link.faults.token = () =>
      new Response("<html>bad gateway</html>", { status: 200 })
    expect(await signInWith()).toBe("link_unavailable")
  })

  it("a token answer without an access_token is link_unavailable", async () => {
    link.faults.token = () => Response.json({ token_type: "Bearer" })
    expect(await signInWith()).toBe("link_unavailable")
  })

  it("a slow token answer times out as link_unavailable", async () => {
    link.faults.token = () => new Promise<Response>(() => {})
    expect(await signInWith({ timeout: 50 })).toBe("link_unavailable")
  })

  it("a token answer whose body stalls times out as link_unavailable", async () => {
    link.faults.token = () =>
      new Response(
        new ReadableStream({
          start: (c) => c.enqueue(new TextEncoder().encode("{")),
        })
      )
    expect(await signInWith({ timeout: 50 })).toBe("link_unavailable")
  })

  it("a body larger than 64 KB is link_unavailable", async () => {
    link.faults.userinfo = () =>
      Response.json({
        id: "u",
        email: "jo@example.com",
        pad: "x".repeat(70_000),
      })
    expect(await signInWith()).toBe("link_unavailable")
  })

  it.each([
    ["without email", { id: "u1" }],
    ["with an invalid email", { id: "u1", email: "not an email" }],
    ["without id", { email: "jo@example.com" }],
    ["with an empty id", { id: "", email: "jo@example.com" }],
    ["with a blank id", { id: "   ", email: "jo@example.com" }],
    ["with a numeric id", { id: 42, email: "jo@example.com" }],
    ["that is an array", [{ id: "u1", email: "jo@example.com" }]],
  ])(
    "a userinfo %s is link_unavailable (no fallback to the email)",
    async (_, body) => {
      link.faults.userinfo = () => Response.json(body)
      expect(await signInWith()).toBe("link_unavailable")
    }
  )

  it("a userinfo that is not JSON is link_unavailable", async () => {
    link.faults.userinfo = () => new Response("not json", { status: 200 })
    expect(await signInWith()).toBe("link_unavailable")
  })

  it("a userinfo that refuses the access token (401) is oauth_failed", async () => {
    link.faults.userinfo = () =>
      Response.json({ error: "invalid_token" }, { status: 401 })
    expect(await signInWith()).toBe("oauth_failed")
  })

  it("a userinfo that never answers times out as link_unavailable", async () => {
    link.faults.userinfo = () => new Promise<Response>(() => {})
    expect(await signInWith({ timeout: 50 })).toBe("link_unavailable")
  })

  it("an unexpected extra field is accepted", async () => {
    link.faults.userinfo = (request) => {
      const token = request.headers.get("authorization")
      return token
        ? Response.json({ ...JO, address: { city: "Dublin" }, extra: [1, 2] })
        : undefined
    }
    const browser = createBrowser(config())
    const back = await browser.callback(
      link.authorize(await browser.startSignIn(), JO)
    )
    expect(back.location).toBe(SHOP)
    expect(await browser.session()).toMatchObject({
      user: { email: "jo@example.com" },
    })
  })
})

describe("LinkOAuth: forged, replayed and swapped parameters get a code and no session", () => {
  async function expectRefused(
    browser: ReturnType<typeof createBrowser>,
    callbackUrl: string
  ) {
    const back = await browser.callback(callbackUrl)
    expect(back.status).toBe(302)
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
    expect(await browser.session()).toBeNull()
    return failure(back.location)
  }

  it("error=access_denied (the person declined at Link) is oauth_denied, without calling the token endpoint", async () => {
    const browser = createBrowser(config())
    const declined = link.authorize(await browser.startSignIn(), JO, true)
    expect(await expectRefused(browser, declined)).toBe("oauth_denied")
    expect(link.requests).toEqual([])
  })

  it("a wrong state is oauth_failed, without calling the token endpoint", async () => {
    const browser = createBrowser(config())
    const back = new URL(link.authorize(await browser.startSignIn(), JO))
    back.searchParams.set("state", "forged-state")
    expect(await expectRefused(browser, back.href)).toBe("oauth_failed")
    expect(link.requests).toEqual([])
  })

  it("a missing state is oauth_failed", async () => {
    const browser = createBrowser(config())
    const back = new URL(link.authorize(await browser.startSignIn(), JO))
    back.searchParams.delete("state")
    expect(await expectRefused(browser, back.href)).toBe("oauth_failed")
  })

  it("a callback without the browser's state and PKCE cookies (login CSRF) is oauth_failed", async () => {
    const attacker = createBrowser(config())
    const attackersCallback = link.authorize(await attacker.startSignIn(), SAM)
    const victim = createBrowser(config())
    expect(await expectRefused(victim, attackersCallback)).toBe("oauth_failed")
    expect(link.requests).toEqual([])
  })

  it("a forged code is oauth_failed", async () => {
    const browser = createBrowser(config())
    const back = new URL(link.authorize(await browser.startSignIn(), JO))
    back.searchParams.set("code", "liwlcode_forged")
    expect(await expectRefused(browser, back.href)).toBe("oauth_failed")
  })

  it("a replayed code is oauth_failed the second time", async () => {
    const browser = createBrowser(config())
    const authorizationUrl = await browser.startSignIn()
    const callback = link.authorize(authorizationUrl, JO)
    const cookies = new Map(browser.jar)
    expect((await browser.callback(callback)).location).toBe(SHOP)
    // The same browser state (cookies as they were) and the same code, again.
    const replay = createBrowser(config())
    for (const [k, v] of cookies) replay.jar.set(k, v)
    expect(await expectRefused(replay, callback)).toBe("oauth_failed")
  })

  it("a code swapped in from another sign-in (its PKCE verifier does not match) is oauth_failed", async () => {
    const mine = createBrowser(config())
    const myUrl = new URL(link.authorize(await mine.startSignIn(), JO))
    const other = createBrowser(config())
    const othersUrl = new URL(link.authorize(await other.startSignIn(), SAM))
    myUrl.searchParams.set("code", othersUrl.searchParams.get("code")!)
    expect(await expectRefused(mine, myUrl.href)).toBe("oauth_failed")
    const token = link.requests.find((r) => r.url.endsWith("/auth/token"))!
    expect(token.body.get("code_verifier")).toBeTruthy()
  })

  it("a code issued to another client is oauth_failed", async () => {
    const browser = createBrowser(config())
    const authorizationUrl = new URL(await browser.startSignIn())
    // Link issued this code for another shop's client (same redirect, same PKCE challenge).
    const other = new URL(authorizationUrl)
    other.searchParams.set("client_id", "other_shop")
    const back = new URL(link.authorize(authorizationUrl.href, JO))
    const grantCode = back.searchParams.get("code")!
    link.faults.token = (request) =>
      request.body.get("code") === grantCode &&
      request.body.get("client_id") !== "other_shop"
        ? Response.json(
            {
              error: "invalid_grant",
              error_description: "code issued to another client",
            },
            { status: 400 }
          )
        : undefined
    expect(await expectRefused(browser, back.href)).toBe("oauth_failed")
  })

  it("a token answer for the wrong client credentials (invalid_client) is oauth_failed, and the secret never reaches the page", async () => {
    const browser = createBrowser(config({ clientSecret: "wrong_secret" }))
    const back = await browser.callback(
      link.authorize(await browser.startSignIn(), JO)
    )
    expect(failure(back.location)).toBe("oauth_failed")
    expect(back.location).not.toContain("secret")
  })
})

describe("LinkOAuth: hostile callbackUrl values never leave the origin", () => {
  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    `${SHOP}.evil.example/`,
  ])("callbackUrl %s ends on the shop's own origin", async (hostile) => {
    const browser = createBrowser(config())
    const back = await browser.callback(
      link.authorize(await browser.startSignIn("link-oauth", hostile), JO)
    )
    expect(back.status).toBe(302)
    expect(new URL(back.location!).origin).toBe(SHOP)
  })
})
