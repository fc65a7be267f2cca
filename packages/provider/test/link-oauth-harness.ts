/**
 * Test harness for `LinkOAuth`: a strict stand-in for Link's OAuth endpoints behind an intercepted
 * `fetch` (every request recorded; anything unexpected fails the test), and a browser-like driver
 * for Auth.js (`Auth()`) that keeps cookies and follows the OAuth round trip; and, for the tests
 * that sign one person in both ways, the code path on the in-process simulator.
 */
import { Auth, type AuthConfig } from "@auth/core"
import { createHash, randomBytes } from "node:crypto"
import {
  createLinkSignIn,
  type LoginWithLinkOptions,
} from "@login-with-link/core"
import {
  TEST_KEY,
  TEST_SECRET,
  type simulator,
} from "@login-with-link/test-helpers/link"
import { LinkOAuth, type LinkOAuthOptions } from "../src/link-oauth.js"

export const LOGIN = "https://login.link.test"
export const API = "https://api.link.test"
export const SHOP = "http://shop.localhost"
export const CLIENT = {
  id: "shop_dev",
  secret: "shop_dev_secret",
  key: "pk_test_sim",
}

export interface Person {
  id: string
  email: string
  name?: string | null
  first_name?: string | null
  last_name?: string | null
}

export const JO: Person = {
  id: "lnkusr_jo",
  email: "Jo@Example.com",
  name: "Jo Example",
}
export const SAM: Person = {
  id: "lnkusr_sam",
  email: "sam@example.com",
  first_name: "Sam",
  last_name: "Smith",
}

interface Grant {
  clientId: string
  redirectUri: string
  challenge: string
  person: Person
  scope: string
  used: boolean
}

export interface Recorded {
  url: string
  method: string
  headers: Headers
  body: URLSearchParams
}

/** What the fake answers instead of the contract, per endpoint (a fault). */
export type Fault = (
  request: Recorded
) => Response | Promise<Response> | undefined

const b64url = (bytes: Buffer) => bytes.toString("base64url")

export function createFakeLink() {
  const grants = new Map<string, Grant>()
  const accessTokens = new Map<string, Person>()
  const refreshTokens = new Map<string, { person: Person; used: boolean }>()
  const revoked: string[] = []
  const requests: Recorded[] = []
  const faults: { token?: Fault; userinfo?: Fault } = {}
  let userinfoOverride: Person | undefined

  const oauthError = (error: string, status = 400) =>
    Response.json({ error, error_description: `fake: ${error}` }, { status })

  function issueTokens(person: Person, scope: string) {
    const access = `liwltoken_${b64url(randomBytes(12))}`
    const refresh = `liwlrefresh_${b64url(randomBytes(12))}`
    accessTokens.set(access, person)
    refreshTokens.set(refresh, { person, used: false })
    return Response.json({
      access_token: access,
      refresh_token: refresh,
      token_type: "Bearer",
      expires_in: 3600,
      scope: scope.replace(/ /g, ","),
    })
  }

  function clientOk(request: Recorded): boolean {
    return (
      request.headers.get("authorization") === `Bearer ${CLIENT.key}` &&
      request.body.get("client_id") === CLIENT.id &&
      request.body.get("client_secret") === CLIENT.secret
    )
  }

  async function handle(request: Recorded): Promise<Response> {
    const url = new URL(request.url)
    const path = `${url.origin}${url.pathname}`
    if (path === `${LOGIN}/auth/token` && request.method === "POST") {
      const fault = await faults.token?.(request)
      if (fault) return fault
      if (!clientOk(request)) return oauthError("invalid_client", 401)
      const grantType = request.body.get("grant_type")
      if (grantType === "refresh_token") {
        const entry = refreshTokens.get(request.body.get("refresh_token") ?? "")
        if (!entry || entry.used) return oauthError("invalid_grant")
        entry.used = true
        return issueTokens(entry.person, "userinfo:read")
      }
      if (grantType !== "authorization_code")
        return oauthError("unsupported_grant_type")
      const grant = grants.get(request.body.get("code") ?? "")
      if (!grant || grant.used) return oauthError("invalid_grant")
      grant.used = true
      if (grant.clientId !== request.body.get("client_id"))
        return oauthError("invalid_grant")
      if (grant.redirectUri !== request.body.get("redirect_uri"))
        return oauthError("invalid_grant")
      const verifier = request.body.get("code_verifier") ?? ""
      if (
        b64url(createHash("sha256").update(verifier).digest()) !==
        grant.challenge
      ) {
        return oauthError("invalid_grant")
      }
      return issueTokens(grant.person, grant.scope)
    }
    if (path === `${LOGIN}/auth/revoke` && request.method === "POST") {
      if (!clientOk(request)) return oauthError("invalid_client", 401)
      const token = request.body.get("token") ?? ""
      const entry = refreshTokens.get(token)
      if (entry) entry.used = true
      revoked.push(token)
      return new Response(null, { status: 200 })
    }
    if (path === `${API}/userinfo` && request.method === "GET") {
      const fault = await faults.userinfo?.(request)
      if (fault) return fault
      const token =
        request.headers.get("authorization")?.replace(/^Bearer /, "") ?? ""
      const person = accessTokens.get(token)
      if (!person) return oauthError("invalid_token", 401)
      return Response.json({
        phone: "+15551234567",
        ...(userinfoOverride ?? person),
      })
    }
    throw new Error(
      `unexpected request to Link: ${request.method} ${request.url}`
    )
  }

  const fetchImpl: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = request.method === "GET" ? "" : await request.text()
    const recorded: Recorded = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: new URLSearchParams(text),
    }
    requests.push(recorded)
    return handle(recorded)
  }

  return {
    fetch: fetchImpl,
    requests,
    faults,
    revoked,
    refreshTokens,
    /** Make userinfo answer for this person whatever the token (a confused or hostile Link). */
    answerUserinfoAs(person: Person | undefined) {
      userinfoOverride = person
    },
    /**
     * What Link's page does: check the authorization request and answer with a redirect to the
     * shop's callback carrying a fresh code (or the person declining).
     */
    authorize(
      authorizationUrl: string,
      person: Person,
      decline = false
    ): string {
      const url = new URL(authorizationUrl)
      const q = url.searchParams
      if (`${url.origin}${url.pathname}` !== `${LOGIN}/auth`)
        throw new Error(`not Link's page: ${authorizationUrl}`)
      if (q.get("key") !== CLIENT.key)
        throw new Error("no publishable key on the authorization URL")
      if (q.get("client_id") !== CLIENT.id) throw new Error("wrong client_id")
      if (q.get("response_type") !== "code")
        throw new Error("response_type must be code")
      if (q.get("code_challenge_method") !== "S256")
        throw new Error("PKCE S256 required")
      if (q.has("client_secret"))
        throw new Error("client_secret on the authorization URL")
      const redirectUri = q.get("redirect_uri")!
      const back = new URL(redirectUri)
      if (decline) {
        back.searchParams.set("error", "access_denied")
        back.searchParams.set("state", q.get("state")!)
        return back.href
      }
      const code = `liwlcode_${b64url(randomBytes(12))}`
      grants.set(code, {
        clientId: q.get("client_id")!,
        redirectUri,
        challenge: q.get("code_challenge")!,
        person,
        scope: q.get("scope") ?? "",
        used: false,
      })
      back.searchParams.set("code", code)
      back.searchParams.set("state", q.get("state")!)
      return back.href
    },
  }
}

export type FakeLink = ReturnType<typeof createFakeLink>

/** A browser for Auth.js: a cookie jar, requests to `Auth()`, redirects reported, not followed. */
export function createBrowser(config: AuthConfig) {
  const jar = new Map<string, string>()
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ")
  function keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";")
      const eq = pair!.indexOf("=")
      const name = pair!.slice(0, eq)
      const value = pair!.slice(eq + 1)
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        jar.delete(name)
      else jar.set(name, value)
    }
  }
  async function request(
    path: string,
    init: RequestInit = {}
  ): Promise<Response> {
    const headers = new Headers(init.headers)
    if (jar.size) headers.set("cookie", cookieHeader())
    const response = await Auth(
      new Request(new URL(path, SHOP), { ...init, headers }),
      config
    )
    keep(response)
    return response
  }
  return {
    jar,
    request,
    /** POST /auth/signin/<id> with a CSRF token, as a sign-in button does; answers Link's URL. */
    async startSignIn(
      providerId = "link-oauth",
      callbackUrl?: string
    ): Promise<string> {
      const csrf = (await (await request("/auth/csrf")).json()) as {
        csrfToken: string
      }
      const body = new URLSearchParams({ csrfToken: csrf.csrfToken })
      if (callbackUrl !== undefined) body.set("callbackUrl", callbackUrl)
      const response = await request(`/auth/signin/${providerId}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      })
      const location = response.headers.get("location")
      if (response.status !== 302 || !location)
        throw new Error(`sign-in did not redirect: ${response.status}`)
      return location
    },
    /** Follow Link's redirect back to the shop's callback; answers where Auth.js sends the person. */
    async callback(
      url: string
    ): Promise<{ status: number; location: string | null }> {
      const back = new URL(url)
      const response = await request(`${back.pathname}${back.search}`)
      return {
        status: response.status,
        location: response.headers.get("location"),
      }
    },
    async session(): Promise<Record<string, unknown> | null> {
      const response = await request("/auth/session")
      return (await response.json()) as Record<string, unknown> | null
    },
    async signOut(): Promise<void> {
      const csrf = (await (await request("/auth/csrf")).json()) as {
        csrfToken: string
      }
      await request("/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken }),
      })
    },
  }
}

export type Browser = ReturnType<typeof createBrowser>

/** `LinkOAuth` for the test client, talking to the stand-in `link`. */
export function fakeLinkOAuth(link: FakeLink, options: LinkOAuthOptions = {}) {
  return LinkOAuth({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    publishableKey: CLIENT.key,
    url: LOGIN,
    apiUrl: API,
    fetch: link.fetch,
    ...options,
  })
}

/** The code path's options (`LoginWithLink`) on the in-process simulator `env`, no rate limits. */
export function codeOptions(env: {
  fetch: typeof fetch
}): LoginWithLinkOptions {
  return {
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: env.fetch,
    rateLimit: false,
  }
}

/**
 * A sign-in by code through Auth.js's callback route: the code is sent (the core's steps on `env`),
 * then the browser posts it with the challenge. Answers the callback's status and redirect.
 */
export async function signInByCode(
  browser: Browser,
  env: ReturnType<typeof simulator>,
  email: string,
  fields: Record<string, string> = {}
) {
  const sent = await createLinkSignIn(codeOptions(env)).start(email)
  if (sent.status !== "code_sent") throw new Error(`no code sent to ${email}`)
  const { csrfToken } = (await (
    await browser.request("/auth/csrf")
  ).json()) as { csrfToken: string }
  const response = await browser.request("/auth/callback/link", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      csrfToken,
      challenge: sent.challenge,
      code: env.sim.state.outbox.latestCode(email)!,
      ...fields,
    }),
  })
  return { status: response.status, location: response.headers.get("location") }
}
