// Tabs: a second tab opened mid-way continues at the same step; a code sent in one tab shows in
// the other; once one tab signs in, the other shows it without a reload.
import { codeInput, expect, codeSentLine, requestCode, test } from "./fixtures"

test("two tabs follow one sign-in", async ({ page, link, person }) => {
  await page.goto("/login")
  await requestCode(page, person.email)

  const other = await page.context().newPage()
  await test.step("a second tab opened mid-way shows the same code step", async () => {
    await other.goto("/login")
    await expect(
      other.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
    await expect(codeSentLine(other, person.phone)).toBeVisible()
  })

  await test.step("starting over in one tab shows in the other", async () => {
    await other.getByRole("button", { name: "Use a different email" }).click()
    await expect(other.getByLabel("Email")).toHaveValue(person.email)
    await expect(page.getByLabel("Email")).toHaveValue(person.email)
    await expect(
      page.getByText("This sign-in changed in another tab.")
    ).toBeVisible()
  })

  await test.step("a code sent in the second tab shows in the first", async () => {
    await requestCode(other, person.email)
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
  })

  await test.step("signing in in the first tab shows in the second without a reload", async () => {
    const shop = await page.context().newPage()
    await shop.goto("/cart")
    await expect(
      shop.getByRole("banner").getByRole("link", { name: "Sign in" })
    ).toBeVisible()
    await codeInput(page).fill(await link.code(person.email, 2))
    await expect(page).toHaveURL(/\/account$/)
    // The other sign-in tab goes on to where the person was going; the cart's header changes.
    await expect(other).toHaveURL(/\/account$/)
    await expect(
      shop.getByRole("banner").getByRole("link", { name: /Signed in as/ })
    ).toBeVisible()
  })
})
