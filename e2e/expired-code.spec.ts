// Journey 3: the code expires (the simulator's clock moves 11 minutes); a new one signs in.
import { codeInput, expect, shownPhone, requestCode, test } from "./fixtures"

test.afterAll(async ({ playwright }) => {
  // The clock moved for everyone: put the simulator back as it started.
  const request = await playwright.request.newContext({
    baseURL: process.env.E2E_SIM_URL,
  })
  expect((await request.post("/__control/reset")).ok()).toBe(true)
  await request.dispose()
})

test("an expired code, a new code, then sign in", async ({
  page,
  link,
  person,
}) => {
  await page.goto("/login")
  await requestCode(page, person.email)
  const first = await link.code(person.email)

  await test.step("eleven minutes later the code has expired", async () => {
    await link.advanceClock(11 * 60_000)
    await codeInput(page).fill(first)
    await expect(page.getByText("That code has expired.")).toBeVisible()
    await expect(page.getByText("Ask for a new code.")).toBeVisible()
  })

  await test.step("a new code is sent once the resend wait is over", async () => {
    const resend = page.getByRole("button", { name: "Send a new code" })
    // The 30-second resend wait runs on the shop's real clock.
    await expect(resend).toBeEnabled({ timeout: 45_000 })
    await resend.click()
    await expect(
      page.getByText(`We texted a new code to ${shownPhone(person.phone)}.`)
    ).toBeVisible()
    await expect(codeInput(page)).toBeFocused()
  })

  await test.step("the new code signs in", async () => {
    const second = await link.code(person.email, 2)
    await codeInput(page).fill(second)
    await expect(page).toHaveURL(/\/account$/)
  })
})
