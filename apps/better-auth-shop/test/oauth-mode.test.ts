/**
 * Mode `oauth`: the plugin's code forms and, above them, "Continue with Link": Link's own OAuth
 * page (login.link.com, served by the simulator) through Better Auth's `genericOAuth` with the
 * plugin's `linkOAuthConfig()`. The same person is one user whichever way they come, and a user
 * another way in made is never joined.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import {
  authorizeAtLink,
  type AtLink,
} from "@login-with-link/test-helpers/link"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { startShop, type RunningShop } from "../src/index.js"
import { alertCode, attr, Browser } from "./browser.js"
import { shopOptions } from "./shop-options.js"

/** A loopback origin: the simulator's development client accepts its callback on any port. */
const ORIGIN = "http://127.0.0.1:3398"
let link: RunningSimulator
let shop: RunningShop
const errors: unknown[] = []

beforeAll(async () => {
  link = await startSimulator({
    port: 0,
    quiet: true,
    maxSendsPerHour: 1000,
    resendCooldownMs: 0,
  })
  shop = await startShop(
    shopOptions({
      mode: "oauth",
      baseUrl: ORIGIN,
      link: {
        publishableKey: "pk_test_shop",
        apiUrl: link.apiUrl,
        resendCooldown: 0,
      },
      oauth: {
        clientId: "shop_dev",
        clientSecret: "shop_dev_secret",
        url: link.oauthUrl,
        apiUrl: link.oauthUrl,
      },
      logError: (_m, e) => errors.push(e),
    })
  )
}, 120_000)
beforeEach(async () => {
  await fetch(`${link.url}/__control/reset`, { method: "POST" })
  await shop.database.query(
    `truncate "session", "account", "verification", "user" cascade`
  )
  errors.length = 0
})
afterAll(async () => {
  await shop?.close()
  await link?.close()
})

const browser = () => new Browser({ origin: ORIGIN, fetch: shop.fetch })

/** "Continue with Link" on the email step: answers the URL of Link's page it redirected to. */
async function continueWithLink(b: Browser, returnTo = "/account") {
  const response = await b.go(`${ORIGIN}/login/oauth`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: ORIGIN,
    },
    body: new URLSearchParams({ return_to: returnTo }).toString(),
  })
  expect(response.status).toBe(302)
  return new URL(response.headers.get("location")!)
}

/** Link's page, done by the simulator's control shortcut: where it sends the person back. */
const atLink = (authorizationUrl: URL, person: AtLink) =>
  authorizeAtLink(link.url, authorizationUrl, person)

async function signInByOAuth(b: Browser, email = "jo@example.com") {
  return b.follow(await atLink(await continueWithLink(b), { email }))
}

async function signInByCode(b: Browser, email = "jo@example.com") {
  await b.form(`${ORIGIN}/login`, { email, return_to: "/account" })
  const outbox = (await (
    await fetch(`${link.url}/__dev/outbox?email=${encodeURIComponent(email)}`)
  ).json()) as { messages: { code: string }[] }
  return b.form(`${ORIGIN}/login/code`, { code: outbox.messages[0]!.code })
}

const users = () =>
  shop.database.query<{ id: string; email: string }>(
    `select id, email from "user" order by "createdAt"`
  )
const accounts = () =>
  shop.database.query<{
    providerId: string
    accountId: string
    userId: string
  }>(
    `select "providerId", "accountId", "userId" from "account" order by "createdAt"`
  )

describe("mode oauth: Link's own page beside the code", () => {
  test("the email step offers Continue with Link above the code form, and the CSP lets it go to Link", async () => {
    const page = await browser().follow(`${ORIGIN}/login`)
    expect(page.page).toMatch(
      /<form method="post" action="\/login\/oauth">[\s\S]*Continue with Link[\s\S]*or get a code by text message[\s\S]*<form method="post" action="\/login" novalidate>[\s\S]*Text me a code/
    )
    expect(page.response.headers.get("content-security-policy")).toContain(
      `form-action 'self' ${new URL(link.oauthUrl).origin}`
    )
  })

  test("Continue with Link goes to Link's page with the key, PKCE S256, state, and no secret", async () => {
    const url = await continueWithLink(browser())
    expect(url.origin + url.pathname).toBe(`${link.oauthUrl}/auth`)
    expect(url.searchParams.get("key")).toBe("pk_test_shop")
    expect(url.searchParams.get("client_id")).toBe("shop_dev")
    expect(url.searchParams.get("redirect_uri")).toBe(
      `${ORIGIN}/api/auth/callback/link-oauth`
    )
    expect(url.searchParams.get("code_challenge_method")).toBe("S256")
    expect(url.searchParams.get("state")?.length).toBeGreaterThanOrEqual(16)
    expect(url.href).not.toContain("shop_dev_secret")
  })

  test("a person signs in on Link's page and lands on return_to with Better Auth's session", async () => {
    const b = browser()
    const done = await signInByOAuth(b)
    expect(done.url).toBe(`${ORIGIN}/account`)
    expect(done.page).toContain("jo@example.com")
    expect(done.page).toContain("Jo Doe")
    expect(await accounts()).toEqual([
      {
        providerId: "link-oauth",
        accountId: expect.stringMatching(/^usr_[0-9a-f]{24}$/),
        userId: expect.any(String),
      },
    ])
    expect(errors).toEqual([])
  })

  test("the same person by code, then by OAuth, is one user, with both accounts", async () => {
    const byCode = await signInByCode(browser())
    expect(byCode.url).toBe(`${ORIGIN}/account`)
    const byOAuth = await signInByOAuth(browser())
    expect(byOAuth.url).toBe(`${ORIGIN}/account`)
    const [user, ...others] = await users()
    expect(others).toEqual([])
    expect(user!.email).toBe("jo@example.com")
    expect(
      (await accounts()).map((a) => [a.providerId, a.userId === user!.id])
    ).toEqual([
      ["link", true],
      ["link-oauth", true],
    ])
  })

  test("the same person by OAuth, then by code, is one user", async () => {
    await signInByOAuth(browser())
    const byCode = await signInByCode(browser())
    expect(byCode.url).toBe(`${ORIGIN}/account`)
    expect(await users()).toHaveLength(1)
    expect(new Set((await accounts()).map((a) => a.userId)).size).toBe(1)
  })

  test("a user another way in made (a password, a verified email) is never joined by Link's OAuth: told in words", async () => {
    const now = new Date().toISOString()
    await shop.database.query(
      `insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt") values ('victim', 'Jo', 'jo@example.com', true, $1, $1)`,
      [now]
    )
    await shop.database.query(
      `insert into "account" (id, "accountId", "providerId", "userId", password, "createdAt", "updatedAt") values ('victim-password', 'victim', 'credential', 'victim', 'scrypt:not-a-real-hash', $1, $1)`,
      [now]
    )
    const b = browser()
    const done = await signInByOAuth(b)
    expect(done.url).toMatch(/\/login\/error\?/)
    expect(done.response.status).toBe(403)
    expect(alertCode(done.page)).toBe("account_not_linked")
    expect(b.cookie("127.0.0.1:3398", "better-auth.session_token")).toBe(
      undefined
    )
    expect(await accounts()).toEqual([
      { providerId: "credential", accountId: "victim", userId: "victim" },
    ])
  })

  test("a sign-in declined on Link's page comes back in words, with no session", async () => {
    const b = browser()
    const done = await b.follow(
      await atLink(await continueWithLink(b), { decline: true })
    )
    expect(done.response.status).toBe(400)
    expect(alertCode(done.page)).toBe("signin_cancelled")
    expect(await users()).toEqual([])
  })

  test("Link's userinfo without an id fails closed: a page in words, no user", async () => {
    const b = browser()
    const back = await atLink(await continueWithLink(b), {
      email: "jo@example.com",
    })
    await fetch(`${link.url}/__control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route: "userinfo", kind: "no_id" }),
    })
    const done = await b.follow(back)
    expect(done.response.status).toBe(400)
    expect(alertCode(done.page)).toBe("signin_failed")
    expect(await users()).toEqual([])
    errors.length = 0
  })

  test("the code step still works as in mode link", async () => {
    const b = browser()
    const code = await b.form(`${ORIGIN}/login`, {
      email: "sam@example.com",
      return_to: "/account",
    })
    expect(attr(code.page, /<h1>([^<]+)<\/h1>/)).toBe("Enter your code")
  })
})
