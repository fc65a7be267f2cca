import { expect, test } from "@playwright/test"
import { newPerson, signIn } from "./helpers"

test("signing out ends the shop's session and, on confirmation, the hosted one", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "sign-out")
  await signIn(page, request, email)

  await test.step("Sign out asks the hosted page to end its session too", async () => {
    await page.getByRole("button", { name: "Sign out" }).first().click()
    await expect(
      page.getByRole("heading", { name: "Sign out of Login with Link?" })
    ).toBeVisible()
    await page.getByRole("button", { name: "Yes, sign me out" }).click()
  })

  await test.step("back at the shop, signed out", async () => {
    await expect(page.getByRole("status")).toHaveText("You are signed out.")
    await expect(
      page.getByRole("link", { name: "Sign in", exact: true })
    ).toBeVisible()
    const cookies = await page
      .context()
      .cookies(test.info().project.use.baseURL)
    expect(cookies.find((c) => c.name === "shop_session")).toBeUndefined()
  })

  await test.step("the account page now needs a new sign-in with a code", async () => {
    await page.goto("/account")
    await expect(
      page.getByRole("heading", { name: "Sign in to Corner Store" })
    ).toBeVisible()
    await expect(page.getByLabel("Email address")).toBeVisible()
  })
})
