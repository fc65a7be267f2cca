/**
 * The hosted page redirects only to what a shop registered: every way of writing another site,
 * as the `redirect_uri` of an authorization request, the `post_logout_redirect_uri` of a logout,
 * or the interaction id of a page, gets a page of its own (400 or 404) and no redirect at all.
 * The interaction pages redirect only to oidc-provider's own resume URL.
 */
import { describe, expect, test } from "vitest"
import { RAW_QUERIES, VARIANTS } from "@login-with-link/test-helpers"
import {
  Browser,
  SHOP,
  SHOP_CALLBACK,
  authorizationRequest,
  signInThroughPages,
  useShopStack,
} from "./utils.js"

const stack = useShopStack()

/** Each variant alone, and glued to the registered URI (a prefix or suffix match would pass it). */
const REDIRECT_URIS = [
  ...VARIANTS,
  ...VARIANTS.slice(0, 6).map((v) => `${SHOP_CALLBACK}${v}`),
  `${SHOP_CALLBACK}/../../evil`,
  `${SHOP_CALLBACK}?next=https://evil.example`,
  `${SHOP_CALLBACK}#https://evil.example`,
  SHOP_CALLBACK.replace("127.0.0.1", "127.0.0.1.evil.example"),
]

/** Fetches `url` as a browser would, following nothing; fails if it answers with a redirect. */
async function refusedInPlace(url: string, expected: number[] = [400]) {
  const response = await fetch(url, {
    redirect: "manual",
    headers: { accept: "text/html" },
  })
  expect(response.headers.get("location")).toBeNull()
  expect(expected).toContain(response.status)
  expect(response.headers.get("content-type")).toMatch(/^text\/html/)
  return response.text()
}

describe("redirect_uri of an authorization request", () => {
  test.each(REDIRECT_URIS)("%j is refused on the hosted page", async (uri) => {
    const { url } = await authorizationRequest(stack.config)
    url.searchParams.set("redirect_uri", uri)
    const page = await refusedInPlace(url.href)
    expect(page).toContain("This sign-in request cannot be completed")
  })

  test.each(RAW_QUERIES)(
    "redirect_uri=%s as a probe would send it is refused",
    async (raw) => {
      const { url } = await authorizationRequest(stack.config)
      url.searchParams.delete("redirect_uri")
      await refusedInPlace(`${url.href}&redirect_uri=${raw}`)
    }
  )
})

describe("post_logout_redirect_uri of a logout", () => {
  test.each([...VARIANTS, `${SHOP_CALLBACK.replace("/callback", "")}.evil`])(
    "%j is refused",
    async (uri) => {
      const url = new URL(`${stack.login.url}/session/end`)
      url.searchParams.set("client_id", SHOP.client_id)
      url.searchParams.set("post_logout_redirect_uri", uri)
      await refusedInPlace(url.href)
    }
  )
})

describe("the interaction pages", () => {
  test.each(VARIANTS)(
    "an interaction id of %j is a page, not a redirect",
    async (variant) => {
      await refusedInPlace(
        `${stack.login.url}/interaction/${encodeURIComponent(variant)}`,
        [400, 404]
      )
    }
  )

  test("a finished sign-in goes only to oidc-provider's resume URL, then to the registered callback", async () => {
    const request = await authorizationRequest(stack.config)
    const browser = new Browser()
    const locations: string[] = []
    const go = browser.request.bind(browser)
    browser.request = async (url, init) => {
      const response = await go(url, init)
      const location = response.headers.get("location")
      if (location) locations.push(new URL(location, url).href)
      return response
    }
    const callback = await signInThroughPages(stack, browser, request.url)
    expect(callback.origin + callback.pathname).toBe(SHOP_CALLBACK)
    for (const location of locations)
      expect(
        new URL(location).origin === stack.login.url ||
          location.startsWith(`${SHOP_CALLBACK}?`),
        location
      ).toBe(true)
  })
})
