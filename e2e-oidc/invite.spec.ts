import { expect, test } from "@playwright/test"
import { enterCode, latestCode } from "./helpers"

test("someone not on Link is invited to join, joins, and comes back to sign in", async ({
  page,
  request,
}) => {
  const email = `newcomer-${Date.now()}@example.com`

  await test.step("the hosted page invites them to sign up for Link", async () => {
    await page.goto("/")
    await page.getByRole("link", { name: "Sign in with Link" }).click()
    await page.getByLabel("Email address").fill(email)
    await page.getByRole("button", { name: "Continue" }).click()
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
    await page.getByLabel("Mobile number").fill("+1 415 555 0199")
    await page.getByLabel("Full name (optional)").fill("Nia Newcomer")
    await page.getByRole("button", { name: "Join Link" }).click()
  })

  await test.step("they are back on the hosted page and sign in", async () => {
    await expect(
      page.getByRole("heading", { name: "Sign in to Corner Store" })
    ).toBeVisible()
    await page.getByLabel("Email address").fill(email)
    await page.getByRole("button", { name: "Continue" }).click()
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(
      page.getByRole("main").getByText("Nia Newcomer", { exact: true })
    ).toBeVisible()
  })
})
