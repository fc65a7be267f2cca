/** Steps shared by the journeys: the hosted page's email and code steps, and the SMS outbox. */
import { expect, type APIRequestContext, type Page } from "@playwright/test"

const linkUrl = () => {
  const url = process.env.E2E_OIDC_LINK_URL
  if (!url)
    throw new Error("E2E_OIDC_LINK_URL is set by e2e-oidc/playwright.config.ts")
  return url
}

/** The codes the simulator "texted" to an email, newest first. */
export async function codesFor(
  request: APIRequestContext,
  email: string
): Promise<string[]> {
  const response = await request.get(
    `${linkUrl()}/__dev/outbox?email=${encodeURIComponent(email)}`
  )
  expect(response.ok()).toBe(true)
  const { messages } = (await response.json()) as {
    messages: { code: string }[]
  }
  return messages.map((m) => m.code)
}

/** The newest code, waiting (by polling, not sleeping) until one has been sent. */
export async function latestCode(
  request: APIRequestContext,
  email: string,
  count = 1
) {
  let codes: string[] = []
  await expect
    .poll(async () => (codes = await codesFor(request, email)).length)
    .toBeGreaterThanOrEqual(count)
  return codes[0]!
}

/** A code that is neither the one sent nor the test-mode code 000000. */
export function wrongCode(right: string): string {
  return right === "123456" ? "654321" : "123456"
}

/** Puts a fresh person on Link (through the simulator's control API). */
export async function newPerson(request: APIRequestContext, name: string) {
  const email = `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`
  const response = await request.post(`${linkUrl()}/__control/people`, {
    data: { email, phone: "+14155550123", fullName: "Sam Rivera" },
  })
  expect(response.status()).toBe(201)
  return email
}

/** From the shop's home page to the hosted page's code step. */
export async function startSignIn(page: Page, email: string) {
  await page.goto("/")
  await page.getByRole("link", { name: "Sign in with Link" }).click()
  await expect(
    page.getByRole("heading", { name: "Sign in to Corner Store" })
  ).toBeVisible()
  await submitEmail(page, email)
  await expect(
    page.getByRole("heading", { name: "Enter your code" })
  ).toBeVisible()
}

/** The hosted page's email step: types the email and continues. */
export async function submitEmail(page: Page, email: string) {
  await page.getByLabel("Email address").fill(email)
  await page.getByRole("button", { name: "Continue" }).click()
}

/** The hosted page's answer to an email that is not on Link: the invitation to sign up. */
export async function expectInvited(page: Page, email: string) {
  await expect(
    page.getByRole("heading", { name: `${email} isn't on Link yet` })
  ).toBeVisible()
  await expect(page.getByRole("status")).toContainText(
    "This email is not on Link yet."
  )
}

/** From the invitation: "Sign up for Link", then Link's sign-up page with the email filled in. */
export async function joinLink(
  page: Page,
  email: string,
  person: { phone: string; fullName: string }
) {
  await page.getByRole("link", { name: "Sign up for Link" }).click()
  await expect(
    page.getByRole("heading", { name: "Sign up for Link" })
  ).toBeVisible()
  await expect(page.getByLabel("Email")).toHaveValue(email)
  await page.getByLabel("Mobile number").fill(person.phone)
  await page.getByLabel("Full name (optional)").fill(person.fullName)
  await page.getByRole("button", { name: "Join Link" }).click()
}

/** Enters a code on the hosted page. */
export async function enterCode(page: Page, code: string) {
  await page.getByLabel("6-digit code").fill(code)
  await page.getByRole("button", { name: "Verify and continue" }).click()
}

/** The hosted page's answer to a wrong code: the reason in the alert, the field marked invalid. */
export async function expectCodeRefused(page: Page) {
  await expect(page.getByRole("alert")).toContainText("That code is not right.")
  await expect(page.getByLabel("6-digit code")).toHaveAttribute(
    "aria-invalid",
    "true"
  )
}

/** Signs in completely and lands on the shop's account page. */
export async function signIn(
  page: Page,
  request: APIRequestContext,
  email: string
) {
  await startSignIn(page, email)
  await enterCode(page, await latestCode(request, email))
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()
}
