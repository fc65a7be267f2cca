import { continueWithLink, expect, hostedHeading, test } from "./demo-fixtures"
import { enterCode, latestCode, newPerson } from "./helpers"

// The shop's forms post to server actions that redirect to the hosted page: without JavaScript
// that is a plain form post, so the CSP's form-action must allow the hosted page's origin.
test.use({ javaScriptEnabled: false })

test("demo shop (OIDC): sign-in and sign-out work without JavaScript", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "demo-no-js")
  await page.goto("/account")
  await continueWithLink(page, email)
  await enterCode(page, await latestCode(request, email))
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()

  await page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out" })
    .click()
  await page.getByRole("button", { name: "Yes, sign me out" }).click()
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })
  ).toBeVisible()
  await page.goto("/account")
  await page.getByRole("button", { name: "Continue with Link" }).click()
  await expect(hostedHeading(page)).toBeVisible()
})
