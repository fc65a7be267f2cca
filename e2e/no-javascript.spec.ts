// Journey 7: the whole sign-in with JavaScript disabled: every form posts to the server.
import {
  checkOutSignedOut,
  codeInput,
  expect,
  codeSentLine,
  test,
  wrongCode,
} from "./fixtures"

test.use({ javaScriptEnabled: false })

test("the whole sign-in works with JavaScript disabled", async ({
  page,
  link,
  person,
}) => {
  await test.step("checkout sends the signed-out person to sign in", () =>
    checkOutSignedOut(page))

  await test.step("the email step posts and shows the code step", async () => {
    await page.getByLabel("Email").fill(person.email)
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(codeSentLine(page, person.phone)).toBeVisible()
    await expect(codeInput(page)).toBeFocused()
  })

  await test.step("use a different email goes back, and the code step comes back on retry", async () => {
    await page.getByRole("button", { name: "Use a different email" }).click()
    await expect(page.getByLabel("Email")).toHaveValue(person.email)
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
  })

  const code = await link.code(person.email, 2)

  await test.step("a wrong code is explained", async () => {
    await codeInput(page).fill(wrongCode(code))
    await page.getByRole("button", { name: "Sign in" }).click()
    await expect(page.getByText("That code is not right.")).toBeVisible()
  })

  await test.step("the right code, typed as 123 456, signs in and returns to checkout", async () => {
    await codeInput(page).fill(`${code.slice(0, 3)} ${code.slice(3)}`)
    await page.getByRole("button", { name: "Sign in" }).click()
    await expect(page).toHaveURL(/\/checkout$/)
    await expect(
      page.getByRole("region", { name: "Your order" })
    ).toContainText("Stoneware Mug")
  })

  await test.step("sign-out works too", async () => {
    await page
      .getByRole("banner")
      .getByRole("button", { name: "Sign out" })
      .click()
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible()
  })
})
