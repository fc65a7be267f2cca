/**
 * The shop's cookies: over https (decided by the shop's base URL, not NODE_ENV) they are Secure
 * and prefixed, `__Host-shop_session` and `__Secure-shop_signin`; over plain http (development)
 * they are not, since browsers would drop them.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { parseSetCookie, startShopStack, type ShopStack } from "./utils.js"

describe("served over https (the base URL is https, behind a TLS-terminating proxy)", () => {
  let stack: ShopStack
  const shop = "https://shop.example"

  beforeAll(async () => {
    stack = await startShopStack({ publicUrl: () => shop })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test("the sign-in flow cookie is __Secure-, Secure, HttpOnly, SameSite=Lax, scoped to /callback", async () => {
    const browser = stack.browser()
    const login = await browser.go(`${shop}/login`)
    expect(
      new URL(login.headers.get("location")!).searchParams.get("redirect_uri")
    ).toBe(`${shop}/callback`)
    const cookies = login.headers.getSetCookie().map(parseSetCookie)
    expect(cookies.map((c) => c.name)).toEqual(["__Secure-shop_signin"])
    const flow = cookies[0]!.attributes
    expect(flow.has("secure")).toBe(true)
    expect(flow.has("httponly")).toBe(true)
    expect(flow.get("samesite")).toBe("Lax")
    expect(flow.get("path")).toBe("/callback")
  })

  test("signing in sets __Host-shop_session: Secure, Path=/, no Domain; sign-out deletes it", async () => {
    const browser = stack.browser()
    const set: string[] = []
    const go = browser.go.bind(browser)
    browser.go = async (url, init) => {
      const response = await go(url, init)
      if (new URL(url).origin === shop)
        set.push(...response.headers.getSetCookie())
      return response
    }
    const done = await stack.signIn(browser)
    expect(done.url).toBe(`${shop}/account`)
    expect(done.page).toContain("jo@example.com")
    const session = set
      .map(parseSetCookie)
      .find((c) => c.name === "__Host-shop_session" && c.value)
    expect(session).toBeDefined()
    expect(session!.attributes.has("secure")).toBe(true)
    expect(session!.attributes.has("httponly")).toBe(true)
    expect(session!.attributes.get("samesite")).toBe("Lax")
    expect(session!.attributes.get("path")).toBe("/")
    expect(session!.attributes.has("domain")).toBe(false)
    expect(set.some((line) => /^shop_(session|signin)=/.test(line))).toBe(false)

    const out = await browser.go(`${shop}/logout`, {
      method: "POST",
      headers: { origin: shop },
    })
    expect(out.status).toBe(303)
    expect(browser.has(shop, "__Host-shop_session")).toBe(false)
    expect(stack.errors).toEqual([])
  })

  test("an unprefixed shop_session (set over http, or by a sibling subdomain) is not a session", async () => {
    const browser = stack.browser()
    await stack.signIn(browser)
    const host = new URL(shop).host
    const value = browser.jar.get(`${host}|__Host-shop_session`)!
    browser.jar.clear()
    browser.jar.set(`${host}|shop_session`, value)
    const account = await browser.go(`${shop}/account`)
    expect(account.status).toBe(302)
    expect(account.headers.get("location")).toBe("/login?return_to=/account")
  })
})

describe("served over plain http (development)", () => {
  let stack: ShopStack

  beforeAll(async () => {
    stack = await startShopStack()
  })
  afterAll(async () => {
    await stack?.close()
  })

  test("cookies carry no prefix and no Secure, which browsers refuse over http", async () => {
    const browser = stack.browser()
    const login = await browser.go(`${stack.publicUrl}/login`)
    const [flow] = login.headers.getSetCookie().map(parseSetCookie)
    expect(flow!.name).toBe("shop_signin")
    expect(flow!.attributes.has("secure")).toBe(false)
    await stack.signIn(browser)
    expect(browser.has(stack.publicUrl, "shop_session")).toBe(true)
  })
})
