/**
 * The demo shop (Next.js + next-auth) in OIDC mode: its steps around the hosted page, and a check
 * that no page breaks its Content-Security-Policy. The hosted page's steps are in helpers.ts.
 */
import AxeBuilder from "@axe-core/playwright"
import { test as base, expect, type Page } from "@playwright/test"
import { cspViolations } from "../e2e/csp-violations"
import { submitEmail } from "./helpers"

export { expect }

/** Fails a journey on any CSP violation the browser reports (as e2e/ does). */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations,
})

/** The hosted page's email step, for the demo shop's client. */
export const hostedHeading = (page: Page) =>
  page.getByRole("heading", { name: "Sign in to Demo Shop" })

/** From a page of the demo shop that asks for sign-in: "Continue with Link", then the email. */
export async function continueWithLink(page: Page, email: string) {
  await expect(
    page.getByRole("heading", { name: "Sign in", exact: true })
  ).toBeVisible()
  await page.getByRole("button", { name: "Continue with Link" }).click()
  await expect(hostedHeading(page)).toBeVisible()
  await submitEmail(page, email)
}

/** The shop's session as next-auth reports it (same cookies as the page). */
export async function shopSession(page: Page) {
  const response = await page.request.get("/api/auth/session")
  expect(response.ok()).toBe(true)
  return (await response.json()) as {
    user?: { id?: string; email?: string; name?: string }
  } | null
}

/** WCAG 2.1 A/AA violations on the current page, by rule id. */
export async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze()
  return violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  )
}
