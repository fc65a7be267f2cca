/**
 * What the Better Auth examples' journeys share: the login page's two ways in (Login with Link's
 * form, and the app's own email and password), the account page, sign-out.
 */
import type { Page } from "@playwright/test"
import { codeInput, expect, newPerson } from "../../e2e/fixtures"

/** Link's email field (the password form's is "Email address"). */
export const linkEmail = (page: Page) =>
  page.getByLabel("Email", { exact: true })

/** Link's email step: ask for a code and wait for the code step. */
export async function requestLinkCode(page: Page, email: string) {
  await linkEmail(page).fill(email)
  await page.getByRole("button", { name: "Continue with Link" }).click()
  await expect(
    page.getByRole("heading", { name: "Enter your code" })
  ).toBeVisible()
}

/** The code step's submit (the password form's button is "Sign in with password"). */
export const codeSubmit = (page: Page) =>
  page.getByRole("button", { name: "Sign in", exact: true })

/** Types a code; with JavaScript the sixth digit submits it, without it the button does. */
export async function enterCode(page: Page, code: string, js: boolean) {
  await codeInput(page).fill(code)
  if (!js) await codeSubmit(page).click()
}

/** The password section of the login page. */
export const passwordSection = (page: Page) =>
  page.getByRole("region", { name: "Or sign in with your password" })

export async function expectAccount(
  page: Page,
  who: { name?: string; email: string }
) {
  await expect(page).toHaveURL(/\/account$/)
  const main = page.getByRole("main")
  await expect(main.getByRole("heading", { name: "Account" })).toBeVisible()
  if (who.name) await expect(main).toContainText(who.name)
  await expect(main).toContainText(who.email)
  await expect(page.getByRole("banner")).toContainText(who.email)
}

/** Signs out from the account page; the session cookie is gone and /account asks again. */
export async function signOutFromAccount(page: Page) {
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click()
  await expect(page.getByText("You are not signed in.")).toBeVisible()
  const cookies = await page.context().cookies()
  expect(
    cookies.find((c) => c.name.endsWith("better-auth.session_token"))
  ).toBeUndefined()
  await page.goto("/account")
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
}

/** A person with a password account (not on Link): created on /sign-up. */
export async function signUpWithPassword(page: Page) {
  const who = { ...newPerson("password"), password: "correct horse 42" }
  await page.goto("/sign-up")
  await page.getByLabel("Name").fill(who.fullName)
  await page.getByLabel("Email address").fill(who.email)
  await page.getByLabel("Password").fill(who.password)
  await page.getByRole("button", { name: "Create account" }).click()
  await expectAccount(page, { name: who.fullName, email: who.email })
  return who
}
