// Journey 5: an email not on Link is invited to sign up; the simulator's sign-up page sends the
// person back to /login with the email filled in, and they sign in.
import { codeInput, expect, newPerson, requestCode, test } from "./fixtures"

test("an unknown email signs up for Link, comes back and signs in", async ({
  page,
  link,
}) => {
  const newcomer = newPerson("newcomer")

  await test.step("the shop invites the person to sign up for Link", async () => {
    await page.goto("/login")
    await page.getByLabel("Email").fill(newcomer.email)
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Sign up for Link to continue" })
    ).toBeVisible()
    await expect(page.getByRole("main")).toContainText(
      `${newcomer.email} isn't on Link yet`
    )
  })

  await test.step("the person signs up on Link's page", async () => {
    await page.getByRole("link", { name: "Sign up for Link" }).click()
    await expect(page).toHaveURL(
      new RegExp(`^${process.env.E2E_SIM_URL}/signup`)
    )
    await expect(page.getByLabel("Email")).toHaveValue(newcomer.email)
    await page.getByLabel("Mobile number").fill(newcomer.phone)
    await page.getByLabel("Full name (optional)").fill(newcomer.fullName)
    await page.getByRole("button", { name: "Join Link" }).click()
  })

  await test.step("back at the shop, the email is filled in and sign-in works", async () => {
    await expect(page).toHaveURL(/\/login\?email=/)
    await expect(page.getByLabel("Email")).toHaveValue(newcomer.email)
    await requestCode(page, newcomer.email)
    await codeInput(page).fill(await link.code(newcomer.email))
    await expect(page).toHaveURL(/\/account$/)
    await expect(page.getByRole("main")).toContainText(newcomer.fullName)
  })
})
