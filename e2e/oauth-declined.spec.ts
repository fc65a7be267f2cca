// OAuth journey 3: the person cancels on Link's page (error=access_denied): back on the shop's
// sign-in page, told so in plain words, not signed in; and can still use the code.
import { expect, LINK_PAGE_BUTTON, shopSession, test } from "./oauth-fixtures"

test("cancelling on Link's page comes back to sign-in, says so, and signs nobody in", async ({
  page,
}) => {
  await page.goto("/login?callbackUrl=%2Fcheckout")
  await page.getByRole("button", { name: LINK_PAGE_BUTTON }).click()
  await expect(page).toHaveURL(/\/oauth\/auth(\?|$)/)
  await page.getByRole("button", { name: "Cancel" }).click()

  await expect(page).toHaveURL(/\/login\?/)
  await expect(
    page.getByText("Signing in with Link was cancelled.")
  ).toBeVisible()
  expect(await shopSession(page)).toBeNull()
  // The code steps are still there.
  await expect(page.getByLabel("Email")).toBeVisible()
})
