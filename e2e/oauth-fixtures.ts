/**
 * What the OAuth journeys share (e2e/oauth.config.ts): a fresh person on Link, Link's own sign-in
 * page as the simulator serves it (email, then the texted code, or Cancel), and the shop's session.
 */
import { expect, type Page } from "@playwright/test"
import { test as base, type LinkSimulator, type Person } from "./fixtures"

export { expect }
export const test = base

/** The form's button that goes to Link's own page (`<LinkSignInForm oauth="above" />`). */
export const LINK_PAGE_BUTTON = "Continue with Link"
/** The email step's button beside it. */
export const TEXT_ME_A_CODE = "Text me a code"

/** On Link's page (another origin): the email, then the code from the outbox. */
export async function signInOnLinkPage(
  page: Page,
  link: LinkSimulator,
  person: Person,
  smsCount = 1
): Promise<void> {
  // With JavaScript the server action's redirect lands a moment after the click.
  await expect(page).toHaveURL(/\/oauth\/auth(\?|$)/)
  await page.getByLabel("Email").fill(person.email)
  await page.getByRole("button", { name: "Continue" }).click()
  await page.getByLabel("Code").fill(await link.code(person.email, smsCount))
  await page.getByRole("button", { name: "Sign in", exact: true }).click()
}

/** The shop's session as Auth.js answers it to the page. */
export async function shopSession(
  page: Page
): Promise<{ user?: { id?: string; email?: string; name?: string } } | null> {
  const response = await page.request.get("/api/auth/session")
  expect(response.ok()).toBe(true)
  return (await response.json()) as {
    user?: { id?: string; email?: string; name?: string }
  } | null
}
