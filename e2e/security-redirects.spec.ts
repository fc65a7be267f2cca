// Security journey: no callbackUrl, however disguised, takes a person off the shop: not the login
// page's, not the one the sign-in form posts back (even when tampered with), not Auth.js's.
import type { Page } from "@playwright/test"
import { VARIANTS } from "@login-with-link/test-helpers"
import { codeInput, expect, requestCode, test } from "./fixtures"
import {
  EVIL_ORIGIN,
  isShopUrl,
  seedPerson,
  shopOrigin,
  signIn,
} from "./security-helpers"

/** Fail the test if the page ever asks for another origin. */
function watchOrigins(page: Page): string[] {
  const foreign: string[] = []
  page.on("request", (request) => {
    const url = new URL(request.url())
    if (url.origin !== shopOrigin() && url.protocol.startsWith("http"))
      foreign.push(request.url())
  })
  return foreign
}

test("a signed-in person sent to /login?callbackUrl=<another site> stays on the shop", async ({
  page,
  link,
  person,
}) => {
  const foreign = watchOrigins(page)
  await signIn(page, link, person.email)
  for (const variant of VARIANTS) {
    await test.step(JSON.stringify(variant), async () => {
      await page.goto(`/login?callbackUrl=${encodeURIComponent(variant)}`)
      const url = new URL(page.url())
      expect(url.origin).toBe(shopOrigin())
      expect(url.pathname).toBe("/account")
    })
  }
  // A same-origin path still works: the check is not simply "always /account".
  await page.goto(
    `/login?callbackUrl=${encodeURIComponent("/cart?from=login")}`
  )
  expect(page.url()).toBe(`${shopOrigin()}/cart?from=login`)
  expect(foreign).toEqual([])
})

test("a tampered callbackUrl posted with the sign-in form still lands on the shop", async ({
  page,
  link,
}) => {
  const foreign = watchOrigins(page)
  // One full sign-in per variant (a fresh person each, so no limit is shared).
  for (const variant of [
    "//evil.example",
    "https://evil.example/",
    "/\\evil.example",
    "%2F%2Fevil.example",
  ]) {
    await test.step(JSON.stringify(variant), async () => {
      await page.context().clearCookies()
      const person = await seedPerson(link, "tamper")
      await page.goto("/login")
      const tamper = () =>
        page.evaluate((value) => {
          for (const input of document.querySelectorAll<HTMLInputElement>(
            'input[name="callbackUrl"]'
          ))
            input.value = value
        }, variant)
      await tamper()
      await requestCode(page, person.email)
      await tamper()
      await codeInput(page).fill(await link.code(person.email))
      await expect(page).toHaveURL(`${shopOrigin()}/account`)
    })
  }
  expect(foreign).toEqual([])
})

test("Auth.js's own endpoints keep callbackUrl on the shop", async ({
  playwright,
  page,
  link,
  person,
}) => {
  await signIn(page, link, person.email)
  const api = await playwright.request.newContext({
    baseURL: shopOrigin(),
    storageState: await page.context().storageState(),
  })
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as {
    csrfToken: string
  }
  for (const variant of [
    "https://evil.example/",
    "//evil.example",
    `${EVIL_ORIGIN}@127.0.0.1`,
  ]) {
    await test.step(`sign-in page: ${variant}`, async () => {
      const response = await api.get(
        `/api/auth/signin?callbackUrl=${encodeURIComponent(variant)}`,
        { maxRedirects: 0 }
      )
      const location = new URL(
        response.headers()["location"] ?? "/",
        shopOrigin()
      )
      expect(location.origin).toBe(shopOrigin())
    })
  }
  await test.step("sign-out with callbackUrl=https://evil.example", async () => {
    const response = await api.post("/api/auth/signout", {
      form: { csrfToken, callbackUrl: "https://evil.example/" },
      headers: { origin: shopOrigin() },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(302)
    expect(isShopUrl(response.headers()["location"] ?? "")).toBe(true)
  })
  await api.dispose()
})
