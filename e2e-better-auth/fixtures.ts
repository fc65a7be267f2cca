/**
 * The journeys' test, with each test's browser sending its own client address (the header the
 * e2e shops trust, as they would a proxy's), and the steps people take on the shop and on the
 * hosted page.
 */
import AxeBuilder from "@axe-core/playwright"
import {
  expect,
  test as base,
  type APIRequestContext,
  type Page,
} from "@playwright/test"

let counter = 0

export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture uses from this pattern
  extraHTTPHeaders: async ({}, use, testInfo) => {
    counter += 1
    await use({
      "x-e2e-client-ip": `10.${testInfo.workerIndex % 250}.${Math.floor(counter / 250) % 250}.${counter % 250}`,
    })
  },
})
export { expect }

/** The simulator behind the project's shop. */
function simulatorUrl(): string {
  const url =
    {
      oidc: process.env.E2E_BA_OIDC_SIM_URL,
      oauth: process.env.E2E_BA_OAUTH_SIM_URL,
    }[test.info().project.name] ?? process.env.E2E_BA_LINK_SIM_URL
  if (!url)
    throw new Error(
      "e2e-better-auth/playwright.config.ts sets the simulator URLs"
    )
  return url
}

/** The newest code "texted" to `email`, waiting (by polling) until `count` have been sent. */
export async function latestCode(
  request: APIRequestContext,
  email: string,
  count = 1
): Promise<string> {
  let codes: string[] = []
  await expect
    .poll(async () => {
      const response = await request.get(
        `${simulatorUrl()}/__dev/outbox?email=${encodeURIComponent(email)}`
      )
      const { messages } = (await response.json()) as {
        messages: { code: string }[]
      }
      codes = messages.map((m) => m.code)
      return codes.length
    })
    .toBeGreaterThanOrEqual(count)
  return codes[0]!
}

/** A code that is neither the one sent nor the test-mode code 000000. */
export function wrongCode(right: string): string {
  return right === "123456" ? "654321" : "123456"
}

/** Puts a fresh person on Link (the simulator's control API). */
export async function newPerson(
  request: APIRequestContext,
  name: string,
  fullName = "Sam Rivera"
): Promise<string> {
  const email = `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`
  const response = await request.post(`${simulatorUrl()}/__control/people`, {
    data: { email, phone: "+14155550123", fullName },
  })
  expect(response.status()).toBe(201)
  return email
}

/** Mode link (and oauth): from the email step to the code step. */
export async function requestCode(page: Page, email: string) {
  await page.getByLabel("Email").fill(email)
  // Beside "Continue with Link" (Link's own page, mode oauth) the code form's button is "Text me a code".
  await page
    .getByRole("button", {
      name:
        test.info().project.name === "oauth"
          ? "Text me a code"
          : "Continue with Link",
    })
    .click()
  await expect(
    page.getByRole("heading", { name: "Enter your code" })
  ).toBeVisible()
}

/** Mode link: types a code and submits it. */
export async function enterCode(page: Page, code: string) {
  await page.getByLabel("6-digit code").fill(code)
  await page.getByRole("button", { name: "Verify and sign in" }).click()
}

/** Mode link: signs in completely from /login and lands on the account page. */
export async function signIn(
  page: Page,
  request: APIRequestContext,
  email: string
) {
  await page.goto("/login")
  await requestCode(page, email)
  await enterCode(page, await latestCode(request, email))
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()
}

/** The home page (no WCAG violations), then its "Sign in with Link" to the page titled `heading`. */
export async function fromHomeToSignIn(page: Page, heading: string) {
  await page.goto("/")
  expect(await axe(page)).toEqual([])
  await page
    .getByRole("main")
    .getByRole("link", { name: "Sign in with Link" })
    .click()
  await expect(page.getByRole("heading", { name: heading })).toBeVisible()
}

/** Mode oidc: the hosted page's email and code steps, back to the shop's account page. */
export async function signInOnHostedPage(
  page: Page,
  request: APIRequestContext,
  email: string
) {
  await page.getByLabel("Email address").fill(email)
  await page.getByRole("button", { name: "Continue" }).click()
  await page.getByLabel("6-digit code").fill(await latestCode(request, email))
  await page.getByRole("button", { name: "Verify and continue" }).click()
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()
}

/** WCAG 2.1 A/AA violations on the current page, by rule id. */
export async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze()
  return violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  )
}
