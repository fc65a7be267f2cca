// Journey 1: the demo account signs in with the code from the simulator's outbox, then signs out.
import { codeInput, codeSentLine, expect, requestCode, test } from "./fixtures"

test("the demo account signs in with the texted code and signs out", async ({
  page,
  link,
}) => {
  await test.step("a first-time visitor learns the demo email and where codes arrive", async () => {
    await page.goto("/")
    const notice = page.getByRole("complementary", {
      name: "Try Login with Link",
    })
    await expect(notice).toContainText("jo@example.com")
    await expect(
      notice.getByRole("link", { name: /SMS outbox/ })
    ).toHaveAttribute("href", `${process.env.E2E_SIM_URL}/__dev`)
    await page.getByRole("link", { name: "Sign in" }).click()
    await expect(page).toHaveURL(/\/login$/)
  })

  await test.step("the email step sends a code to Jo's phone", async () => {
    await requestCode(page, "jo@example.com")
    await expect(
      codeSentLine(page, "+353871234590") // Jo's phone, seeded
    ).toBeVisible()
    const input = codeInput(page)
    await expect(input).toBeFocused()
    await expect(input).toHaveAttribute("autocomplete", "one-time-code")
    await expect(input).toHaveAttribute("inputmode", "numeric")
    await expect(page.getByText(/The code expires in \d+:\d\d/)).toBeVisible()
  })

  await test.step("the sixth digit signs Jo in, on the account page", async () => {
    const code = await link.code("jo@example.com")
    await codeInput(page).fill(code)
    await expect(page).toHaveURL(/\/account$/)
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    const profile = page.getByRole("main")
    await expect(profile).toContainText("jo@example.com")
    await expect(profile).toContainText("Jo Doe")
    await expect(
      page.getByRole("link", { name: "Signed in as Jo Doe" })
    ).toBeVisible()
  })

  await test.step("signing out ends the session", async () => {
    await page
      .getByRole("main")
      .getByRole("button", { name: "Sign out" })
      .click()
    await expect(page).toHaveURL(/\/$/)
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible()
    await page.goto("/account")
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
  })
})
