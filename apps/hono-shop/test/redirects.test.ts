/**
 * `return_to`, however disguised, never takes a signed-in person off the shop. The attack: a
 * person with a live session at the hosted page follows `/login?return_to=<another site>`; the
 * hosted page signs them straight back in with no prompt, and the callback redirects to
 * `return_to`. Each variant is played through that whole round trip.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { RAW_QUERIES, VARIANTS } from "@login-with-link/test-helpers"
import { startShopStack, type Browser, type ShopStack } from "./utils.js"

let stack: ShopStack
let browser: Browser

beforeAll(async () => {
  stack = await startShopStack()
  browser = stack.browser()
  // A live session at the hosted page: from now on /login comes straight back signed in.
  const first = await stack.signIn(browser)
  expect(first.url).toBe(`${stack.publicUrl}/account`)
})
afterAll(async () => {
  await stack?.close()
})

/** `/login?return_to=<query>` through the hosted page and back: the callback's Location. */
async function returnTo(query: string): Promise<string | null> {
  const login = await browser.go(`${stack.publicUrl}/login?return_to=${query}`)
  expect(login.status).toBe(302)
  let response = login
  let url = `${stack.publicUrl}/login`
  for (let hop = 0; hop < 10; hop++) {
    url = new URL(response.headers.get("location")!, url).href
    const target = new URL(url)
    if (target.origin !== stack.hosted.url && target.pathname !== "/callback")
      throw new Error(`left the sign-in round trip for ${url}`)
    response = await browser.go(url)
    if (target.pathname === "/callback") {
      expect(response.status).toBe(303)
      return response.headers.get("location")
    }
    expect(response.status).toBeGreaterThanOrEqual(300)
    expect(response.status).toBeLessThan(400)
  }
  throw new Error("no callback after 10 redirects")
}

describe("return_to", () => {
  test.each(VARIANTS)("%j lands on /account", async (variant) => {
    expect(await returnTo(encodeURIComponent(variant))).toBe("/account")
  })

  test.each(RAW_QUERIES)(
    "return_to=%s as the probe sent it lands on /account, never a 500",
    async (query) => {
      expect(await returnTo(query)).toBe("/account")
    }
  )

  test("a same-origin path is kept: the check is not simply 'always /account'", async () => {
    expect(await returnTo(encodeURIComponent("/account?tab=orders#top"))).toBe(
      "/account?tab=orders#top"
    )
    expect(await returnTo(encodeURIComponent("/"))).toBe("/")
  })

  test("nothing was logged as a failure", () => {
    expect(stack.errors).toEqual([])
  })
})
