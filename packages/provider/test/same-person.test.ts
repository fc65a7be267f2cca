/**
 * The same Link person is one user row whichever path they sign in by, on a real PostgreSQL with
 * `@auth/pg-adapter`, through Auth.js (`Auth()`): the code path (`LoginWithLink` on the in-process
 * simulator, JWT sessions) and the OAuth path (`LinkOAuth` on a stand-in for Link's OAuth), in
 * both orders; a user another provider created is never joined; database sessions, refresh-token
 * rotation and revoke at sign-out.
 */
import type { AuthConfig } from "@auth/core"
import PostgresAdapter from "@auth/pg-adapter"
import type { AdapterAccount } from "@auth/core/adapters"
import pg from "pg"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { simulator, TEST_SECRET } from "@login-with-link/test-helpers/link"
import { LoginWithLink } from "../src/provider.js"
import { linkSamePerson } from "../src/same-person.js"
import { readLinkOAuthError } from "../src/link-oauth-errors.js"
import {
  linkOAuthSignOut,
  refreshLinkAccount,
  refreshLinkOAuthToken,
} from "../src/link-oauth-tokens.js"
import {
  CLIENT,
  createBrowser,
  createFakeLink,
  SHOP,
  type Browser,
  type FakeLink,
  type Person,
  codeOptions,
  fakeLinkOAuth,
  signInByCode as signInWithCode,
} from "./link-oauth-harness.js"
import {
  startPostgres,
  type PostgresServer,
} from "@login-with-link/test-helpers"

// The schema of @auth/pg-adapter's documentation, with the uniqueness a real app declares.
const SCHEMA = `
CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) UNIQUE,
  "emailVerified" TIMESTAMPTZ, image TEXT);
CREATE TABLE accounts (id SERIAL PRIMARY KEY, "userId" INTEGER NOT NULL, type VARCHAR(255) NOT NULL,
  provider VARCHAR(255) NOT NULL, "providerAccountId" VARCHAR(255) NOT NULL, refresh_token TEXT,
  access_token TEXT, expires_at BIGINT, id_token TEXT, scope TEXT, session_state TEXT,
  token_type TEXT, UNIQUE (provider, "providerAccountId"));
CREATE TABLE sessions (id SERIAL PRIMARY KEY, "userId" INTEGER NOT NULL, expires TIMESTAMPTZ NOT NULL,
  "sessionToken" VARCHAR(255) NOT NULL);
CREATE TABLE verification_token (identifier TEXT NOT NULL, expires TIMESTAMPTZ NOT NULL,
  token TEXT NOT NULL, PRIMARY KEY (identifier, token));
`

// The simulator's seeded Link people; the OAuth stand-in knows Jo by a stable Link id.
const JO: Person = { id: "lnkusr_jo", email: "jo@example.com", name: "Jo Doe" }
/** Jo's account rows once both Link paths signed them in: the Link id, and the Link email key. */
const JO_BOTH_PATHS = [
  {
    userId: 1,
    provider: "link-oauth",
    type: "oauth",
    providerAccountId: "lnkusr_jo",
  },
  {
    userId: 1,
    provider: "link",
    type: "email",
    providerAccountId: "jo@example.com",
  },
]

let server: PostgresServer
let pool: pg.Pool
let link: FakeLink
let codeEnv: ReturnType<typeof simulator>

beforeAll(async () => {
  server = await startPostgres()
  pool = new pg.Pool({ connectionString: server.url, max: 4 })
  // An idle client told the server is shutting down (at the end) is not a test failure.
  pool.on("error", () => {})
  await pool.query(SCHEMA)
}, 60_000)

afterAll(async () => {
  await pool?.end()
  await server?.stop()
})

beforeEach(async () => {
  await pool.query(
    "TRUNCATE users, accounts, sessions, verification_token RESTART IDENTITY"
  )
  link = createFakeLink()
  codeEnv = simulator()
})

const oauth = () => fakeLinkOAuth(link)

/** A sign-in by code that asks to come back to the account page. */
const signInByCode = (browser: Browser, email: string) =>
  signInWithCode(browser, codeEnv, email, { callbackUrl: `${SHOP}/account` })

function app(
  strategy: "jwt" | "database" = "jwt",
  extra: Partial<AuthConfig> = {}
) {
  const samePerson = linkSamePerson(PostgresAdapter(pool))
  const linkOAuth = oauth()
  const config: AuthConfig = {
    adapter: samePerson.adapter,
    session: { strategy },
    providers: [
      LoginWithLink(codeOptions(codeEnv)),
      linkOAuth,
      // Another provider of the app: its users are never joined to a Link sign-in.
      {
        id: "github",
        name: "GitHub",
        type: "oauth",
        clientId: "gh",
        clientSecret: "gh",
        authorization: "https://github.test/login",
        token: "https://github.test/token",
        userinfo: "https://github.test/user",
      },
    ],
    secret: TEST_SECRET,
    trustHost: true,
    basePath: "/auth",
    pages: { signIn: "/login", error: "/login" },
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
    callbacks: {
      signIn: samePerson.signIn,
      jwt: samePerson.jwt,
      session({ session, token, user }) {
        const id = user?.id ?? token?.sub
        return { ...session, user: { ...session.user, id: String(id) } }
      },
    },
    ...extra,
  }
  return { config, linkOAuth, samePerson }
}

/** The code path: the start step (as the shop's own route or server action runs it), then the code posted to Auth.js. */
async function signInByOAuth(browser: Browser, person: Person) {
  return browser.callback(
    link.authorize(await browser.startSignIn("link-oauth"), person)
  )
}

async function rows() {
  const users = (
    await pool.query("SELECT id, email, name FROM users ORDER BY id")
  ).rows
  const accounts = (
    await pool.query(
      `SELECT "userId", provider, type, "providerAccountId" FROM accounts ORDER BY id`
    )
  ).rows
  return { users, accounts }
}

async function sessionUserId(browser: Browser) {
  const session = (await browser.session()) as { user: { id: string } } | null
  return session?.user.id
}

describe("the same person by code and by OAuth is one user row (JWT sessions, pg adapter)", () => {
  it("code first, then OAuth: the OAuth sign-in joins the code path's user and records the Link id", async () => {
    const { config } = app()
    const byCode = createBrowser(config)
    expect(await signInByCode(byCode, "jo@example.com")).toEqual({
      status: 302,
      location: `${SHOP}/account`,
    })
    const byOAuth = createBrowser(config)
    expect((await signInByOAuth(byOAuth, JO)).location).toBe(SHOP)

    const { users, accounts } = await rows()
    expect(users).toEqual([{ id: 1, email: "jo@example.com", name: "Jo Doe" }])
    expect(accounts).toEqual([
      {
        userId: 1,
        provider: "link",
        type: "email",
        providerAccountId: "jo@example.com",
      },
      {
        userId: 1,
        provider: "link-oauth",
        type: "oauth",
        providerAccountId: "lnkusr_jo",
      },
    ])
    expect(await sessionUserId(byCode)).toBe("1")
    expect(await sessionUserId(byOAuth)).toBe("1")
  })

  it("OAuth first, then code: the code path signs in the user OAuth created", async () => {
    const { config } = app()
    const byOAuth = createBrowser(config)
    expect(
      (await signInByOAuth(byOAuth, { ...JO, email: "Jo@Example.com" }))
        .location
    ).toBe(SHOP)
    const byCode = createBrowser(config)
    expect((await signInByCode(byCode, "jo@example.com")).location).toBe(
      `${SHOP}/account`
    )

    const { users, accounts } = await rows()
    expect(users).toHaveLength(1)
    expect(accounts).toEqual(JO_BOTH_PATHS)
    expect(await sessionUserId(byCode)).toBe("1")
    expect(await sessionUserId(byOAuth)).toBe("1")
  })

  it("a second OAuth sign-in and a second code sign-in add nothing", async () => {
    const { config } = app()
    for (let i = 0; i < 2; i++) {
      await signInByOAuth(createBrowser(config), JO)
      await signInByCode(createBrowser(config), "jo@example.com")
    }
    const { users, accounts } = await rows()
    expect(users).toHaveLength(1)
    expect(accounts).toHaveLength(2)
  })

  it("a person whose Link email changed keeps their user (keyed on the Link id), and the code path follows the new email", async () => {
    const { config } = app()
    await signInByOAuth(createBrowser(config), {
      ...JO,
      email: "sam@example.com",
    })
    // At Link, the person changed their email to jo@example.com; same Link id.
    const again = createBrowser(config)
    await signInByOAuth(again, JO)
    const byCode = createBrowser(config)
    await signInByCode(byCode, "jo@example.com")
    const { users, accounts } = await rows()
    expect(users).toEqual([{ id: 1, email: "jo@example.com", name: "Jo Doe" }])
    expect(accounts).toEqual(JO_BOTH_PATHS)
    expect(await sessionUserId(byCode)).toBe("1")
    // The old email is free for whoever holds it at Link now: a new user by code.
    await signInByCode(createBrowser(config), "sam@example.com")
    expect((await rows()).users.map((u: { email: string }) => u.email)).toEqual(
      ["jo@example.com", "sam@example.com"]
    )
  })
})

describe("a user another provider created is never joined", () => {
  async function githubUser(email: string) {
    const adapter = PostgresAdapter(pool)
    const user = await adapter.createUser!({
      id: "",
      email,
      emailVerified: new Date(),
      name: "Victim",
    })
    await adapter.linkAccount!({
      userId: user.id,
      provider: "github",
      type: "oauth",
      providerAccountId: "gh-1",
    })
    return user
  }

  it("OAuth with the email of a GitHub user answers account_not_linked and adds nothing", async () => {
    await githubUser("jo@example.com")
    const { config } = app()
    const browser = createBrowser(config)
    const back = await signInByOAuth(browser, JO)
    expect(readLinkOAuthError(new URL(back.location!).searchParams)).toBe(
      "account_not_linked"
    )
    expect(await browser.session()).toBeNull()
    const { users, accounts } = await rows()
    expect(users).toHaveLength(1)
    expect(accounts).toEqual([
      {
        userId: 1,
        provider: "github",
        type: "oauth",
        providerAccountId: "gh-1",
      },
    ])
  })

  it("the code with the email of a GitHub user answers account_not_linked and adds nothing", async () => {
    await githubUser("jo@example.com")
    const { config } = app()
    const browser = createBrowser(config)
    const back = await signInByCode(browser, "jo@example.com")
    expect(readLinkOAuthError(new URL(back.location!).searchParams)).toBe(
      "account_not_linked"
    )
    expect(await browser.session()).toBeNull()
    expect((await rows()).accounts).toHaveLength(1)
  })
})

describe("database sessions, refresh and revoke", () => {
  it("an OAuth sign-in works with database sessions, and sign-out revokes the Link refresh token", async () => {
    const linkOAuthForEvents = oauth()
    const { config } = app("database", {
      events: {
        signOut: linkOAuthSignOut(linkOAuthForEvents, {
          refreshToken: async (userId) =>
            (
              await pool.query(
                `SELECT refresh_token FROM accounts WHERE "userId" = $1 AND provider = 'link-oauth'`,
                [userId]
              )
            ).rows[0]?.refresh_token as string | undefined,
        }),
      },
    })
    const browser = createBrowser(config)
    expect((await signInByOAuth(browser, JO)).location).toBe(SHOP)
    expect(
      (await pool.query("SELECT count(*)::int AS n FROM sessions")).rows[0].n
    ).toBe(1)
    expect(await sessionUserId(browser)).toBe("1")
    const stored = (
      await pool.query(
        `SELECT refresh_token FROM accounts WHERE provider = 'link-oauth'`
      )
    ).rows[0].refresh_token as string
    expect(stored).toMatch(/^liwlrefresh_/)

    await browser.signOut()
    expect(
      (await pool.query("SELECT count(*)::int AS n FROM sessions")).rows[0].n
    ).toBe(0)
    expect(link.revoked).toEqual([stored])
    const revoke = link.requests.find((r) => r.url.endsWith("/auth/revoke"))!
    expect(revoke.headers.get("authorization")).toBe(`Bearer ${CLIENT.key}`)
    expect(Object.fromEntries(revoke.body)).toEqual({
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      token: stored,
      token_type_hint: "refresh_token",
    })
    // A revoked refresh token no longer works.
    await expect(
      refreshLinkOAuthToken(linkOAuthForEvents, stored)
    ).rejects.toMatchObject({ code: "oauth_failed" })
  })

  it("refreshLinkAccount stores the rotated refresh token; the old one is refused afterwards", async () => {
    const { config, linkOAuth } = app()
    await signInByOAuth(createBrowser(config), JO)
    const adapter = PostgresAdapter(pool)
    const load = async () =>
      (await pool.query(`SELECT * FROM accounts WHERE provider = 'link-oauth'`))
        .rows[0] as AdapterAccount
    const before = await load()
    // Still valid: no call.
    const calls = link.requests.length
    expect(await refreshLinkAccount(adapter, linkOAuth, before)).toBe(before)
    expect(link.requests.length).toBe(calls)

    const expired = {
      ...before,
      expires_at: Math.floor(Date.now() / 1000) - 10,
    }
    const refreshed = await refreshLinkAccount(adapter, linkOAuth, expired)
    expect(refreshed.refresh_token).not.toBe(before.refresh_token)
    const after = await load()
    expect(after.refresh_token).toBe(refreshed.refresh_token)
    expect(after.access_token).toBe(refreshed.access_token)
    expect(Number(after.expires_at)).toBeGreaterThan(
      Math.floor(Date.now() / 1000)
    )
    expect(after.userId).toBe(before.userId)

    const refresh = link.requests.at(-1)!
    expect(refresh.headers.get("authorization")).toBe(`Bearer ${CLIENT.key}`)
    expect(Object.fromEntries(refresh.body)).toMatchObject({
      grant_type: "refresh_token",
      refresh_token: before.refresh_token,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    })
    await expect(
      refreshLinkOAuthToken(linkOAuth, before.refresh_token!)
    ).rejects.toMatchObject({
      code: "oauth_failed",
    })
  })
})
