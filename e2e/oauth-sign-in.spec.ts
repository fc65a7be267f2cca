// OAuth journey 1: "Continue with Link" sends the person to Link's own sign-in page (the
// simulator's login.link.com), and back to the shop signed in; with JavaScript on and off.
import { checkOutSignedOut } from "./fixtures"
import {
  expect,
  LINK_PAGE_BUTTON,
  shopSession,
  signInOnLinkPage,
  test,
} from "./oauth-fixtures"

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled })

    test("a person signs in on Link's own page and comes back to checkout, signed in", async ({
      page,
      link,
      person,
    }) => {
      await test.step("checkout sends the signed-out person to sign in", () =>
        checkOutSignedOut(page))

      await test.step("the sign-in page offers Link's page above the code steps", async () => {
        await expect(
          page.getByRole("button", { name: LINK_PAGE_BUTTON })
        ).toBeVisible()
        await expect(page.getByLabel("Email")).toBeVisible()
        await page.getByRole("button", { name: LINK_PAGE_BUTTON }).click()
      })

      await test.step("Link's page asks for the email and the texted code", async () => {
        await signInOnLinkPage(page, link, person)
      })

      await test.step("back at the shop's checkout, signed in as the person", async () => {
        await expect(page).toHaveURL(/\/checkout$/)
        await expect(
          page.getByRole("region", { name: "Your order" })
        ).toContainText("Stoneware Mug")
        const session = await shopSession(page)
        expect(session?.user).toMatchObject({
          email: person.email,
          id: person.email,
          name: person.fullName,
        })
      })
    })
  })
}
