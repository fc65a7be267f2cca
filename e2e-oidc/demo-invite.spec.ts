import { continueWithLink, expect, hostedHeading, test } from "./demo-fixtures"
import { enterCode, latestCode } from "./helpers"

test("demo shop (OIDC): someone not on Link is invited, joins, and comes back signed in", async ({
  page,
  request,
}) => {
  const email = `demo-newcomer-${Date.now()}@example.com`

  await test.step("the hosted page invites them to sign up for Link", async () => {
    await page.goto("/account")
    await continueWithLink(page, email)
    await expect(
      page.getByRole("heading", { name: `${email} isn't on Link yet` })
    ).toBeVisible()
    await expect(page.getByRole("status")).toContainText(
      "This email is not on Link yet."
    )
  })

  await test.step("they join Link on its sign-up page", async () => {
    await page.getByRole("link", { name: "Sign up for Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Sign up for Link" })
    ).toBeVisible()
    await expect(page.getByLabel("Email")).toHaveValue(email)
    await page.getByLabel("Mobile number").fill("+1 415 555 0177")
    await page.getByLabel("Full name (optional)").fill("Ada Newcomer")
    await page.getByRole("button", { name: "Join Link" }).click()
  })

  await test.step("back on the hosted page, they sign in and reach the demo shop", async () => {
    await expect(hostedHeading(page)).toBeVisible()
    await page.getByLabel("Email address").fill(email)
    await page.getByRole("button", { name: "Continue" }).click()
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(
      page.getByRole("main").getByText("Ada Newcomer", { exact: true })
    ).toBeVisible()
  })
})
