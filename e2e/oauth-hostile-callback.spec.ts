// OAuth journey 4: a hostile callbackUrl on the sign-in page never takes the person off the shop,
// through the whole round trip on Link's page.
import {
  expect,
  LINK_PAGE_BUTTON,
  signInOnLinkPage,
  test,
} from "./oauth-fixtures"

for (const hostile of ["https://evil.example/steal", "//evil.example/steal"]) {
  test(`callbackUrl ${hostile} ends on the shop's own account page`, async ({
    page,
    link,
    person,
  }) => {
    const shop = new URL(test.info().project.use.baseURL!).origin
    await page.goto(`/login?callbackUrl=${encodeURIComponent(hostile)}`)
    await page.getByRole("button", { name: LINK_PAGE_BUTTON }).click()
    await signInOnLinkPage(page, link, person)
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    expect(new URL(page.url()).origin).toBe(shop)
    expect(page.url()).not.toContain("evil")
  })
}
