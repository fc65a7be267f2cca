/**
 * Mode `oidc`: the shop signs in through a real hosted Login with Link page (and a real
 * simulator behind it) with Better Auth's genericOAuth plugin: the redirect, the callback's
 * checks, Better Auth's session, RP-initiated logout, refusals.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { startShop, type RunningShop } from "../src/index.js"
import { alertCode, attr, Browser } from "./browser.js"
import { OIDC_CLIENT, startOidcStack, type OidcStack } from "./oidc-stack.js"
import { SHOP_ORIGIN, shopOptions } from "./shop-options.js"

let stack: OidcStack
let shop: RunningShop
const errors: unknown[] = []

beforeAll(async () => {
  stack = await startOidcStack(errors)
  shop = await startShop(
    shopOptions({
      mode: "oidc",
      oidc: stack.oidc,
      logError: (_m, e) => errors.push(e),
    })
  )
}, 120_000)

afterAll(async () => {
  await shop?.close()
  await stack?.close()
})

const browser = () => new Browser({ origin: SHOP_ORIGIN, fetch: shop.fetch })
const signIn = (b = browser(), email?: string, from?: string) =>
  stack.signIn(b, email, from)

describe("mode oidc: Better Auth's genericOAuth against the hosted page", () => {
  test("a stranger is sent from /account to the hosted page with PKCE S256, state and nonce", async () => {
    const b = browser()
    const account = await b.go(`${SHOP_ORIGIN}/account`)
    expect(account.status).toBe(302)
    expect(account.headers.get("location")).toBe("/login?return_to=%2Faccount")
    const login = await b.go(`${SHOP_ORIGIN}/login?return_to=%2Faccount`)
    expect(login.status).toBe(302)
    const url = new URL(login.headers.get("location")!)
    expect(url.origin + url.pathname).toBe(`${stack.hosted.url}/auth`)
    expect(url.searchParams.get("client_id")).toBe(OIDC_CLIENT.id)
    expect(url.searchParams.get("redirect_uri")).toBe(
      `${SHOP_ORIGIN}/api/auth/callback/login-with-link`
    )
    expect(url.searchParams.get("code_challenge_method")).toBe("S256")
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(
      expect.arrayContaining(["openid", "email", "profile"])
    )
    for (const p of ["code_challenge", "state", "nonce"])
      expect(url.searchParams.get(p)?.length).toBeGreaterThanOrEqual(32)
    // Better Auth's state cookie rides along, httpOnly and SameSite=Lax.
    const state = [...b.jar.values()].find((c) => /state/i.test(c.line))
    expect(state?.line).toMatch(/HttpOnly/i)
    expect(state?.line).toMatch(/SameSite=Lax/i)
  })

  test("signing in through the hosted page lands on return_to with Better Auth's session", async () => {
    const b = browser()
    const done = await signIn(b)
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
    expect(done.page).toContain("jo@example.com")
    expect(done.page).toContain("Jo Doe")
    const session = b.cookie("shop.test", "better-auth.session_token")
    expect(session?.line).toMatch(/HttpOnly/i)
    expect(session?.line).toMatch(/SameSite=Lax/i)
    // Better Auth keeps the person and the hosted page's account (keyed by the OIDC `sub`).
    const home = await b.follow(`${SHOP_ORIGIN}/`)
    expect(home.page).toContain("Welcome back, Jo Doe")
  })

  test("the user and the account are in the database, keyed by the hosted page's sub", async () => {
    await signIn(browser(), "jo@example.com")
    const users = await shop.database.query<{ id: string; name: string }>(
      `select id, name from "user" where email = $1`,
      ["jo@example.com"]
    )
    expect(users).toEqual([{ id: expect.any(String), name: "Jo Doe" }])
    const accounts = await shop.database.query<{
      providerId: string
      accountId: string
    }>(`select "providerId", "accountId" from "account" where "userId" = $1`, [
      users[0]!.id,
    ])
    expect(accounts).toEqual([
      // The opaque, per-shop `sub` of the hosted page: not the email.
      {
        providerId: "login-with-link",
        accountId: expect.stringMatching(/^[\w-]{20,}$/),
      },
    ])
  })

  test("return_to is checked: another origin goes to /account instead", async () => {
    const b = browser()
    const login = await b.go(
      `${SHOP_ORIGIN}/login?return_to=${encodeURIComponent("//evil.example/x")}`
    )
    expect(login.status).toBe(302)
    const done = await signIn(
      b,
      "jo@example.com",
      "/login?return_to=%2F%2Fevil.example"
    )
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
  })

  test("a signed-in visitor to /login goes straight to return_to", async () => {
    const b = browser()
    await signIn(b)
    const again = await b.go(`${SHOP_ORIGIN}/login?return_to=%2F`)
    expect(again.status).toBe(302)
    expect(again.headers.get("location")).toBe("/")
  })

  test("a callback with a forged state or a cancelled sign-in is a coded page, not a 500", async () => {
    const b = browser()
    const login = await b.go(`${SHOP_ORIGIN}/login`)
    const state = new URL(login.headers.get("location")!).searchParams.get(
      "state"
    )
    const forged = await b.follow(
      `${SHOP_ORIGIN}/api/auth/callback/login-with-link?code=abc&state=not-${state}`
    )
    expect(forged.url).toMatch(/\/login\/error\?/)
    expect(forged.response.status).toBe(400)
    expect(alertCode(forged.page)).toBe("signin_failed")

    const cancelled = await b.follow(
      `${SHOP_ORIGIN}/login/error?error=access_denied`
    )
    expect(cancelled.response.status).toBe(400)
    expect(alertCode(cancelled.page)).toBe("signin_cancelled")
    errors.length = 0
  })

  test("sign-out ends Better Auth's session and the hosted one (RP-initiated logout)", async () => {
    const b = browser()
    await signIn(b)
    const out = await b.go(`${SHOP_ORIGIN}/logout`, {
      method: "POST",
      headers: {
        origin: SHOP_ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    })
    expect(out.status).toBe(303)
    const endSession = new URL(out.headers.get("location")!)
    expect(endSession.origin + endSession.pathname).toBe(
      `${stack.hosted.url}/session/end`
    )
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(
      `${SHOP_ORIGIN}/signed-out`
    )
    expect(endSession.searchParams.get("id_token_hint")).toBeTruthy()
    expect(b.cookie("shop.test", "better-auth.session_token")).toBeUndefined()

    const confirm = await b.follow(endSession.href)
    const xsrf = attr(confirm.page, /name="xsrf" value="([^"]+)"/)
    const action = attr(confirm.page, /<form[^>]*action="([^"]+)"/)
    const back = await b.form(new URL(action, stack.hosted.url).href, {
      xsrf,
      logout: "yes",
    })
    expect(back.url).toBe(`${SHOP_ORIGIN}/signed-out`)
    expect(back.page).toContain("You are signed out.")
    const again = await b.follow(`${SHOP_ORIGIN}/account`)
    expect(again.url.startsWith(stack.hosted.url)).toBe(true)
    expect(again.page).toContain('name="email"')
  })

  test("a Link sign-in never joins a user another way in made (a password, a verified email): it is told in words, and the user keeps only its own account", async () => {
    // The victim signed up with a password and verified their email (as a password sign-up with
    // email verification leaves them); the attacker put the victim's email on their Link account.
    const victim = "victim-" + Math.random().toString(36).slice(2, 8)
    const now = new Date().toISOString()
    await shop.database.query(
      `insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt") values ($1, 'Sam', 'sam@example.com', true, $2, $2)`,
      [victim, now]
    )
    await shop.database.query(
      `insert into "account" (id, "accountId", "providerId", "userId", password, "createdAt", "updatedAt") values ($1, $2, 'credential', $2, 'scrypt:not-a-real-hash', $3, $3)`,
      [`${victim}-credential`, victim, now]
    )
    const b = browser()
    const done = await signIn(b, "sam@example.com")
    expect(done.url).toMatch(/\/login\/error\?/)
    expect(done.response.status).toBe(403)
    expect(alertCode(done.page)).toBe("account_not_linked")
    expect(b.cookie("shop.test", "better-auth.session_token")).toBeUndefined()
    const accounts = await shop.database.query<{ providerId: string }>(
      `select "providerId" from "account" where "userId" = $1`,
      [victim]
    )
    expect(accounts).toEqual([{ providerId: "credential" }])
    expect(errors).toEqual([])
  })

  test("a cross-site sign-out post is refused and the session stays", async () => {
    const b = browser()
    await signIn(b)
    const response = await b.go(`${SHOP_ORIGIN}/logout`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    })
    expect(response.status).toBe(403)
    expect(alertCode(await response.text())).toBe("cross_site_request")
    const account = await b.go(`${SHOP_ORIGIN}/account`)
    expect(account.status).toBe(200)
  })
})
