/**
 * The Corner Store against a real hosted-login and a real simulator: sign-in through the hosted
 * page, its own signed session, the callback's checks, and RP-initiated logout.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { attr, startShopStack, type Browser, type ShopStack } from "./utils.js"

let stack: ShopStack

beforeAll(async () => {
  stack = await startShopStack()
})
afterAll(async () => {
  await stack?.close()
})

describe("the Corner Store", () => {
  const shopUrl = () => stack.shop.url
  const issuer = () => stack.hosted.url
  const signIn = (browser: Browser = stack.browser(), email?: string) =>
    stack.signIn(browser, email)

  test("the account page sends a stranger to the hosted page with PKCE S256, state and nonce", async () => {
    const response = await fetch(`${shopUrl()}/account`, { redirect: "manual" })
    expect(response.headers.get("location")).toBe("/login?return_to=/account")
    const login = await fetch(`${shopUrl()}/login`, { redirect: "manual" })
    const url = new URL(login.headers.get("location")!)
    expect(url.origin + url.pathname).toBe(`${issuer()}/auth`)
    expect(url.searchParams.get("code_challenge_method")).toBe("S256")
    for (const p of ["code_challenge", "state", "nonce"])
      expect(url.searchParams.get(p)).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get("redirect_uri")).toBe(`${shopUrl()}/callback`)
    expect(login.headers.getSetCookie().join()).toMatch(
      /shop_signin=.*HttpOnly.*SameSite=Lax/i
    )
  })

  test("signing in through the hosted page lands on the account page with the Link claims", async () => {
    const browser = stack.browser()
    const done = await signIn(browser)
    expect(done.url).toBe(`${shopUrl()}/account`)
    expect(done.page).toContain("jo@example.com")
    expect(done.page).toContain("Jo Doe")
    // Seven days of the shop's session, in words; not the raw sub nor a GMT time.
    expect(
      done.page.replace(/<[^>]+>|\s+/g, " ").replace(/ +/g, " ")
    ).toContain("Signed in for 7 more days , on this browser")
    expect(done.page).not.toContain("GMT")
    expect(done.page).not.toContain("Account id")
    expect(
      [...browser.jar.keys()].some((k) => k.endsWith("|shop_session"))
    ).toBe(true)
  })

  test("a tampered session cookie is ignored", async () => {
    const browser = stack.browser()
    await signIn(browser)
    const key = [...browser.jar.keys()].find((k) =>
      k.endsWith("|shop_session")
    )!
    const [value, signature] = decodeURIComponent(browser.jar.get(key)!).split(
      "."
    )
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(value!, "base64url").toString()),
        email: "mallory@example.com",
      })
    ).toString("base64url")
    browser.jar.set(key, encodeURIComponent(`${forged}.${signature}`))
    const response = await browser.go(`${shopUrl()}/account`)
    expect(response.status).toBe(302)
  })

  test("a callback without the sign-in cookie, or with a forged state, is refused", async () => {
    const stranger = await fetch(`${shopUrl()}/callback?code=x&state=y`)
    expect(stranger.status).toBe(400)
    expect(await stranger.text()).toContain("Sign-in expired")

    const browser = stack.browser()
    const login = await browser.go(`${shopUrl()}/login`)
    const state = new URL(login.headers.get("location")!).searchParams.get(
      "state"
    )
    const forged = await browser.go(
      `${shopUrl()}/callback?code=abc&state=not-${state}&iss=${encodeURIComponent(issuer())}`
    )
    expect(forged.status).toBe(400)
    expect(await forged.text()).toContain("We could not confirm the sign-in.")
    expect(stack.errors.length).toBeGreaterThan(0)
    stack.errors.length = 0
  })

  test("sign-out clears the shop session and ends the hosted one through RP-initiated logout", async () => {
    const browser = stack.browser()
    await signIn(browser)
    const out = await browser.go(`${shopUrl()}/logout`, {
      method: "POST",
      headers: { origin: shopUrl() },
    })
    expect(out.status).toBe(303)
    const endSession = new URL(out.headers.get("location")!)
    expect(endSession.origin + endSession.pathname).toBe(
      `${issuer()}/session/end`
    )
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(
      `${shopUrl()}/signed-out`
    )
    expect(endSession.searchParams.get("id_token_hint")).toBeTruthy()
    expect(
      [...browser.jar.keys()].some((k) => k.endsWith("|shop_session"))
    ).toBe(false)

    const confirm = await browser.follow(endSession.href)
    const xsrf = attr(confirm.page, /name="xsrf" value="([^"]+)"/)
    const action = attr(confirm.page, /<form[^>]*action="([^"]+)"/)
    const back = await browser.form(new URL(action, issuer()).href, {
      xsrf,
      logout: "yes",
    })
    expect(back.url).toBe(`${shopUrl()}/signed-out`)
    expect(back.page).toContain("You are signed out.")
    const again = await browser.follow(`${shopUrl()}/account`)
    expect(again.page).toContain('name="email"')
  })

  test("a cross-site sign-out post is refused", async () => {
    const response = await fetch(`${shopUrl()}/logout`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    })
    expect(response.status).toBe(403)
  })
})
