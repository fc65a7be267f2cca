/**
 * Link's OAuth (`linkOAuthConfig()` in better-auth's `genericOAuth`) beside the plugin, on a real
 * database (PGlite, better-auth's Kysely adapter) against the simulator's login.link.com: the
 * same person is one user whichever path they use (the Link email matched while no Link id is
 * recorded, then the id recorded), and a user another way in created is never joined.
 */
import { betterAuth, type BetterAuthOptions } from "better-auth"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { linkOAuthConfig, loginWithLink } from "../src/index.js"
import { pglite } from "./database.js"
import {
  json,
  KEY,
  SECRET,
  useLink,
  cookieJarFetch,
  devLinkOAuth,
} from "./harness.js"

const { link, sim } = useLink({ reset: false })

// A loopback origin: the simulator's dev client accepts its callback on any port.
const ORIGIN = "http://127.0.0.1:3999"
const JO = "jo@example.com"

// One database for the file (PGlite takes seconds to start), emptied before each test.
let db: Awaited<ReturnType<typeof pglite>>
beforeAll(async () => {
  db = await pglite()
  // better-auth's own tables: neither plugin adds any.
  await db.migrate({ emailAndPassword: { enabled: true } })
}, 120_000)
afterAll(() => db.close())
beforeEach(async () => {
  await sim.reset()
  await db.query(
    `truncate "session", "account", "verification", "user" cascade`
  )
})

async function shop(options: Partial<BetterAuthOptions> = {}) {
  const config = {
    baseURL: ORIGIN,
    secret: SECRET,
    database: db.database,
    logger: { disabled: true },
    rateLimit: { enabled: false },
    emailAndPassword: { enabled: true },
    ...options,
    plugins: [
      loginWithLink({ publishableKey: KEY, apiUrl: link.apiUrl }),
      devLinkOAuth(link),
    ],
  } satisfies BetterAuthOptions
  return betterAuth(config)
}
type Shop = Awaited<ReturnType<typeof shop>>

/** A browser's cookie jar around `auth.handler`. */
function browser(auth: Shop) {
  const { fetch } = cookieJarFetch(auth, { origin: ORIGIN })
  return (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, ORIGIN), init)
}

/** A whole OAuth sign-in as `email`: better-auth's redirect, Link's page, the callback. */
async function oauthSignIn(auth: Shop, email = JO) {
  const go = browser(auth)
  const started = await go("/api/auth/sign-in/social", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "link-oauth", callbackURL: "/account" }),
  })
  const { url } = await json(started)
  const authorization = new URL(url as string)
  const response = await fetch(`${link.url}/__control/oauth/authorize`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ authorizationUrl: authorization.href, email }),
  })
  const { location } = (await response.json()) as { location: string }
  const callback = await go(location)
  const session = await (await go("/api/auth/get-session")).json()
  return { authorization, callback, session, go }
}

/** A whole code sign-in as `email`, through the plugin. */
async function codeSignIn(auth: Shop, email = JO) {
  const go = browser(auth)
  const post = (path: string, body: unknown) =>
    go(`/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
  const { challenge } = await json(await post("/sign-in/link/start", { email }))
  return post("/sign-in/link/verify", {
    challenge,
    code: await sim.code(email),
  })
}

const accounts = () =>
  db.query<{ providerId: string; accountId: string; userId: string }>(
    `select "providerId", "accountId", "userId" from "account" order by "createdAt"`
  )

describe("Link's OAuth through genericOAuth", () => {
  it("asks with the key, PKCE S256 and userinfo:read, and signs in (the token call's Bearer key and body credentials are the simulator's rule)", async () => {
    const auth = await shop()
    const { authorization, callback, session } = await oauthSignIn(auth)
    expect(authorization.origin + authorization.pathname).toBe(
      `${link.oauthUrl}/auth`
    )
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      key: KEY,
      client_id: "shop_dev",
      response_type: "code",
      code_challenge_method: "S256",
      scope: "userinfo:read",
    })
    expect(authorization.searchParams.has("client_secret")).toBe(false)
    expect(callback.status).toBe(302)
    expect(callback.headers.get("location")).toBe("/account")
    expect(session.user).toMatchObject({ email: JO, emailVerified: false })
    const [account] = await accounts()
    expect(account).toMatchObject({ providerId: "link-oauth" })
    expect(account!.accountId).toMatch(/^usr_/)
  })
})

describe("the same person on both paths is one user", () => {
  it("code first, then OAuth: the Link id is recorded on the code path's user", async () => {
    const auth = await shop()
    const first = await json(await codeSignIn(auth))
    const { session } = await oauthSignIn(auth)
    expect(session.user.id).toBe(first.user.id)
    expect(
      (await accounts()).map((a) => [a.providerId, a.userId === first.user.id])
    ).toEqual([
      ["link", true],
      ["link-oauth", true],
    ])
    // And again: through the recorded id, nothing added.
    expect((await oauthSignIn(auth)).session.user.id).toBe(first.user.id)
    expect(await accounts()).toHaveLength(2)
    expect(await db.query(`select id from "user"`)).toHaveLength(1)
  })

  it("OAuth first, then the code: the code path's account is recorded on the OAuth user", async () => {
    const auth = await shop()
    const { session } = await oauthSignIn(auth)
    const code = await json(await codeSignIn(auth))
    expect(code.user.id).toBe(session.user.id)
    expect((await accounts()).map((a) => a.providerId)).toEqual([
      "link-oauth",
      "link",
    ])
    expect(await db.query(`select id from "user"`)).toHaveLength(1)
  })
})

describe("a user another way in created is never joined", () => {
  async function passwordUser(auth: Shop) {
    await auth.api.signUpEmail({
      body: { email: JO, password: "correct horse battery", name: "Jo" },
    })
    // Even a verified email does not let Link in.
    await db.query(`update "user" set "emailVerified" = true`)
  }

  it("OAuth: account_not_linked, no session, the password user untouched", async () => {
    const auth = await shop()
    await passwordUser(auth)
    const { callback, session } = await oauthSignIn(auth)
    expect(callback.headers.get("location")).toMatch(/error=account_not_linked/)
    expect(session).toBeNull()
    expect((await accounts()).map((a) => a.providerId)).toEqual(["credential"])
  })

  it("code: ACCOUNT_NOT_LINKED, and the OAuth path does not join through it either", async () => {
    const auth = await shop()
    await passwordUser(auth)
    expect((await json(await codeSignIn(auth))).code).toBe("ACCOUNT_NOT_LINKED")
    expect((await oauthSignIn(auth)).session).toBeNull()
    expect((await accounts()).map((a) => a.providerId)).toEqual(["credential"])
  })
})

describe("bad answers fail closed: an error on the page, no session", () => {
  it.each(["no_id", "no_email"] as const)(
    "a userinfo with %s",
    async (kind) => {
      const auth = await shop()
      await sim.fault({ route: "userinfo", kind, count: 1 })
      const { callback, session } = await oauthSignIn(auth)
      expect(callback.headers.get("location")).toMatch(/error=/)
      expect(session).toBeNull()
      expect(await accounts()).toHaveLength(0)
    }
  )
})

describe("linkOAuthConfig's options", () => {
  it("names what is missing or wrong", () => {
    const base = {
      clientId: "id",
      clientSecret: "secret",
      publishableKey: KEY,
    }
    expect(() => linkOAuthConfig({ ...base, clientId: "" })).toThrow(
      /clientId.*AUTH_LINK_OAUTH_ID/
    )
    expect(() =>
      linkOAuthConfig({ ...base, publishableKey: "sk_live_x" })
    ).toThrow(/publishableKey/)
    expect(() =>
      linkOAuthConfig({ ...base, url: "http://login.example" })
    ).toThrow(/url.*https/)
    expect(linkOAuthConfig(base)).toMatchObject({
      providerId: "link-oauth",
      authorizationUrl: "https://login.link.com/auth",
      tokenUrl: "https://login.link.com/auth/token",
      userInfoUrl: "https://api.link.com/userinfo",
      authentication: "post",
      authorizationHeaders: { Authorization: `Bearer ${KEY}` },
      authorizationUrlParams: { key: KEY },
      scopes: ["userinfo:read"],
    })
  })
})
