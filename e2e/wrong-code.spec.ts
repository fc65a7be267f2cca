// Journey 2: a wrong code is explained and focus goes back to the field; the right one works.
// It starts with a foreign callbackUrl, which must not be followed.
import { codeInput, expect, requestCode, test, wrongCode } from "./fixtures"

test("a wrong code, then the right one", async ({ page, link, person }) => {
  // A callbackUrl to another site is ignored: the person lands on their account page.
  await page.goto("/login?callbackUrl=%2F%2Fevil.example%2F")
  await requestCode(page, person.email)
  const code = await link.code(person.email)

  await test.step("a wrong code says so, in plain words, and asks again", async () => {
    await codeInput(page).fill(wrongCode(code))
    await expect(page.getByText("That code is not right.")).toBeVisible()
    await expect(
      page.getByText("Check the text message and enter the 6-digit code again.")
    ).toBeVisible()
    await expect(codeInput(page)).toBeFocused()
    await expect(codeInput(page)).toHaveAttribute("aria-invalid", "true")
    await expect(codeInput(page)).toHaveValue("")
  })

  await test.step("the right code, pasted as 123-456, signs in", async () => {
    await codeInput(page).fill(`${code.slice(0, 3)}-${code.slice(3)}`)
    await expect(page).toHaveURL(/\/account$/)
    await expect(page.getByRole("main")).toContainText(person.email)
  })
})
