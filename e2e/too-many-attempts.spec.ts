// A code guesser is cut off: after Link's five wrong attempts the sixth ends the sign-in, the page
// says why in plain words and sends the person back to the email step, where a new code works.
// Each wrong code says how many tries are left, and the last try waits for the Sign in button.
import { codeInput, expect, requestCode, test, wrongCode } from "./fixtures"

test("the sixth wrong code ends the sign-in; starting again works", async ({
  page,
  link,
  person,
}) => {
  await page.goto("/login")
  await requestCode(page, person.email)
  const code = await link.code(person.email)

  await test.step("five wrong codes are each refused, the person stays on the code step", async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      await codeInput(page).fill(wrongCode(code))
      const left = 5 - attempt
      await expect(
        page.getByText(
          left === 1
            ? "That code is not right. You have 1 try left."
            : `That code is not right. You have ${left} tries left.`
        )
      ).toBeVisible()
      await expect(codeInput(page)).toHaveValue("")
    }
    // One try left: the page says so at the field, and the code waits for Sign in.
    await expect(page.getByText("Last try: check the code")).toBeVisible()
    await codeInput(page).fill(wrongCode(code))
    await expect(codeInput(page)).toHaveValue(wrongCode(code))
    await page
      .getByRole("main")
      .getByRole("button", { name: "Sign in" })
      .click()
    await expect(page.getByText("Last try: check the code")).toHaveCount(0)
    await expect(page.getByText("That code is not right.")).toBeVisible()
    await expect(codeInput(page)).toHaveValue("")
  })

  await test.step("the sixth, even the right code, is refused and the sign-in starts over", async () => {
    await codeInput(page).fill(code)
    await expect(page.getByText("Too many wrong codes.")).toBeVisible()
    await expect(
      page.getByText("Wait a few minutes, then start again with your email.")
    ).toBeVisible()
    await expect(page.getByLabel("Email")).toHaveValue(person.email)
    await expect(codeInput(page)).toHaveCount(0)
  })

  await test.step("a new code from a new start signs in", async () => {
    await requestCode(page, person.email)
    await codeInput(page).fill(await link.code(person.email, 2))
    await expect(page).toHaveURL(/\/account$/)
  })
})
