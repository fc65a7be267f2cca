// Journey 4: "Send a new code" waits out its cooldown; the server refuses an early resend too.
import { codeInput, expect, shownPhone, requestCode, test } from "./fixtures"

test("resend is refused inside the cooldown and allowed after it", async ({
  page,
  browser,
  link,
  person,
}) => {
  await page.goto("/login")
  await requestCode(page, person.email)
  const resend = page.getByRole("button", { name: "Send a new code" })

  await test.step("the button is disabled, with a countdown", async () => {
    await expect(resend).toBeDisabled()
    await expect(
      page.getByText(/You can ask for a new code in 0:[0-3]\d\./)
    ).toBeVisible()
  })

  await test.step("without JavaScript the button can be pressed, and the server refuses", async () => {
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    })
    const other = await noJs.newPage()
    await other.goto("/login")
    await other.getByRole("button", { name: "Send a new code" }).click()
    await expect(
      other.getByText("Too many tries in a short time.")
    ).toBeVisible()
    await expect(other.getByText(/Try again in \d+ seconds?\./)).toBeVisible()
    await noJs.close()
    expect(await link.messages(person.email)).toHaveLength(1)
  })

  await test.step("once the wait is over, a new code is sent", async () => {
    await expect(resend).toBeEnabled({ timeout: 45_000 })
    await expect(
      page.getByText("Didn't get it? Ask for a new code.")
    ).toBeVisible()
    await resend.click()
    await expect(
      page.getByText(`We texted a new code to ${shownPhone(person.phone)}.`)
    ).toBeVisible()
    await expect(resend).toBeDisabled()
  })

  await test.step("the new code signs in", async () => {
    await codeInput(page).fill(await link.code(person.email, 2))
    await expect(page).toHaveURL(/\/account$/)
  })
})
