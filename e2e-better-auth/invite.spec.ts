import { enterCode, expect, latestCode, requestCode, test } from "./fixtures"

test("someone not on Link is invited, joins on Link's page, comes back and signs in", async ({
  page,
  request,
}) => {
  const email = `newcomer-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`

  await test.step("the shop invites them to sign up for Link", async () => {
    await page.goto("/login?return_to=%2Faccount")
    await page.getByLabel("Email").fill(email)
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Sign up for Link to continue" })
    ).toBeVisible()
    await expect(page.getByRole("status")).toContainText(
      `${email} isn't on Link yet.`
    )
  })

  await test.step("they join Link on its sign-up page", async () => {
    await page.getByRole("link", { name: "Sign up for Link" }).click()
    await expect(page.getByLabel("Email")).toHaveValue(email)
    await page.getByLabel("Mobile number").fill("+1 415 555 0199")
    await page.getByLabel("Full name (optional)").fill("Nia Newcomer")
    await page.getByRole("button", { name: "Join Link" }).click()
  })

  await test.step("back at the shop the email is filled in, and the code signs them in", async () => {
    await expect(page).toHaveURL(/\/login\?email=/)
    await expect(page.getByLabel("Email")).toHaveValue(email)
    await requestCode(page, email)
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(page.getByRole("main")).toContainText("Nia Newcomer")
  })
})
