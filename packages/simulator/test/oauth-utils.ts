/** Test helpers for the simulated login.link.com and api.link.com: one per step of a sign-in. */
import { createHash, randomBytes } from "node:crypto"
import {
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  type Simulator,
} from "../src/index.js"
import { BASE, TEST_KEY } from "./utils.js"

export const REDIRECT_URI = "http://localhost:3000/api/auth/callback/link-oauth"

/**
 * A second registered client beside the dev client, for what one client may not do with another's
 * grant.
 */
export const OTHER_CLIENT = {
  clientId: "shop_other",
  clientSecret: "other_secret_123",
  redirectUris: ["http://localhost:*/api/auth/callback/link-oauth"],
}

/** A fresh PKCE pair (RFC 7636 S256). */
export function pkce() {
  const verifier = randomBytes(32).toString("base64url")
  const challenge = createHash("sha256").update(verifier).digest("base64url")
  return { verifier, challenge }
}

/** An authorization URL's query; `undefined` values leave the parameter out. */
export function authorizeQuery(
  challenge: string,
  overrides: Record<string, string | undefined> = {}
): string {
  const params: Record<string, string | undefined> = {
    key: TEST_KEY,
    client_id: DEV_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "userinfo:read",
    state: "state-123",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...overrides,
  }
  const query = new URLSearchParams()
  for (const [k, v] of Object.entries(params))
    if (v !== undefined) query.set(k, v)
  return query.toString()
}

export function authorizeGet(
  sim: Simulator,
  query: string,
  headers: Record<string, string> = {}
): Promise<Response> {
  return sim.fetch(new Request(`${BASE}/oauth/auth?${query}`, { headers }))
}

/** The browser cookie a response set. */
export function cookieOf(res: Response): string {
  const match = /link_sim_oauth=([^;]+)/.exec(
    res.headers.get("set-cookie") ?? ""
  )
  if (!match?.[1]) throw new Error("no link_sim_oauth cookie set")
  return `link_sim_oauth=${match[1]}`
}

/** The hidden `request` field of a hosted page. */
export function requestOf(html: string): string {
  const match = /name="request" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error(`no request field in page: ${html}`)
  return match[1]
}

/** A browser at the hosted page: what it posts carries its cookie. */
export interface Browser {
  cookie: string
  request: string
  page: Response
  /** Posts the hosted page's form with these fields (and the hidden request). */
  post(
    fields: Record<string, string>,
    headers?: Record<string, string>
  ): Promise<Response>
}

/** Opens the hosted page for an authorization request. */
export async function openPage(
  sim: Simulator,
  challenge: string,
  overrides: Record<string, string | undefined> = {}
): Promise<Browser> {
  const page = await authorizeGet(sim, authorizeQuery(challenge, overrides))
  if (page.status !== 200)
    throw new Error(
      `hosted page: ${page.status} ${page.headers.get("location")}`
    )
  const cookie = cookieOf(page)
  const request = requestOf(await page.clone().text())
  return {
    cookie,
    request,
    page,
    post: (fields, headers = {}) =>
      postPage(sim, { request, ...fields }, { cookie, ...headers }),
  }
}

export function postPage(
  sim: Simulator,
  fields: Record<string, string>,
  headers: Record<string, string> = {}
): Promise<Response> {
  return sim.fetch(
    new Request(`${BASE}/oauth/auth`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    })
  )
}

/** The query of a redirect's Location. */
export function locationParams(res: Response): URLSearchParams {
  const location = res.headers.get("location")
  if (!location) throw new Error(`no Location (status ${res.status})`)
  return new URL(location).searchParams
}

/** Types the email and returns the browser and the code sent by SMS. */
export async function codeSent(
  sim: Simulator,
  email = "jo@example.com",
  overrides: Record<string, string | undefined> = {}
) {
  const { verifier, challenge } = pkce()
  const browser = await openPage(sim, challenge, overrides)
  const res = await browser.post({ intent: "email", email })
  if (res.status !== 200) throw new Error(`email step: ${res.status}`)
  const smsCode = sim.state.outbox.latestCode(email)
  if (!smsCode) throw new Error("no code in the outbox")
  return { browser, verifier, challenge, smsCode }
}

/** Signs in on the hosted page; returns the authorization code and the PKCE verifier. */
export async function authorized(
  sim: Simulator,
  email = "jo@example.com",
  overrides: Record<string, string | undefined> = {}
) {
  const { browser, verifier, smsCode } = await codeSent(sim, email, overrides)
  const res = await browser.post({ intent: "code", code: smsCode })
  if (res.status !== 303) throw new Error(`code step: ${res.status}`)
  const params = locationParams(res)
  const code = params.get("code")
  if (!code) throw new Error(`no code: ${res.headers.get("location")}`)
  return { code, verifier, state: params.get("state") }
}

/** Posts a form to a token-like endpoint with the dev client's credentials and the test key. */
export function tokenPost(
  sim: Simulator,
  path: "/oauth/auth/token" | "/oauth/auth/revoke",
  fields: Record<string, string | undefined>,
  headers: Record<string, string | undefined> = {}
): Promise<Response> {
  const body = new URLSearchParams()
  const all: Record<string, string | undefined> = {
    client_id: DEV_CLIENT_ID,
    client_secret: DEV_CLIENT_SECRET,
    ...fields,
  }
  for (const [k, v] of Object.entries(all)) if (v !== undefined) body.set(k, v)
  const sent: Record<string, string> = {}
  const allHeaders: Record<string, string | undefined> = {
    "content-type": "application/x-www-form-urlencoded",
    authorization: `Bearer ${TEST_KEY}`,
    ...headers,
  }
  for (const [k, v] of Object.entries(allHeaders))
    if (v !== undefined) sent[k] = v
  return sim.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: sent,
      body: body.toString(),
    })
  )
}

/** Exchanges an authorization code. */
export function exchange(
  sim: Simulator,
  code: string,
  verifier: string,
  fields: Record<string, string | undefined> = {},
  headers: Record<string, string | undefined> = {}
) {
  return tokenPost(
    sim,
    "/oauth/auth/token",
    {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      ...fields,
    },
    headers
  )
}

export interface Tokens {
  access_token: string
  refresh_token: string
  token_type: string
  expires_in: number
  scope: string
}

/** Signs in and exchanges the code: the token answer. */
export async function tokensFor(
  sim: Simulator,
  email = "jo@example.com",
  overrides: Record<string, string | undefined> = {}
): Promise<Tokens> {
  const { code, verifier } = await authorized(sim, email, overrides)
  const res = await exchange(sim, code, verifier)
  if (res.status !== 200)
    throw new Error(`token: ${res.status} ${await res.text()}`)
  return (await res.json()) as Tokens
}

export function refresh(
  sim: Simulator,
  refreshToken: string,
  fields: Record<string, string | undefined> = {},
  headers: Record<string, string | undefined> = {}
) {
  return tokenPost(
    sim,
    "/oauth/auth/token",
    { grant_type: "refresh_token", refresh_token: refreshToken, ...fields },
    headers
  )
}

export function revoke(
  sim: Simulator,
  token: string,
  fields: Record<string, string | undefined> = {},
  headers: Record<string, string | undefined> = {}
) {
  return tokenPost(
    sim,
    "/oauth/auth/revoke",
    { token, token_type_hint: "refresh_token", ...fields },
    headers
  )
}

export function userinfo(sim: Simulator, accessToken: string | undefined) {
  return sim.fetch(
    new Request(`${BASE}/oauth/userinfo`, {
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
    })
  )
}

export interface OAuthErrorJson {
  error: string
  error_description: string
}

export async function oauthErrorOf(res: Response): Promise<OAuthErrorJson> {
  return (await res.json()) as OAuthErrorJson
}
