// Journey 10: a screenshot of each sign-in step, kept with the test results.
import type { Page, TestInfo } from "@playwright/test"
import {
  checkOutSignedOut,
  codeInput,
  expect,
  newPerson,
  requestCode,
  test,
  wrongCode,
} from "./fixtures"

async function keep(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  })
}

test("a screenshot of each sign-in step", async ({
  page,
  link,
  person,
}, testInfo) => {
  await test.step("email step, on the way to checkout", async () => {
    await checkOutSignedOut(page, "cast-iron-teapot")
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible()
    await keep(page, testInfo, "1-email-step")
  })

  await test.step("invitation to sign up", async () => {
    await page.getByLabel("Email").fill(newPerson("stranger").email)
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Sign up for Link to continue" })
    ).toBeVisible()
    await keep(page, testInfo, "2-sign-up-invitation")
    await page.getByRole("button", { name: "Use a different email" }).click()
  })

  await test.step("code step", async () => {
    await requestCode(page, person.email)
    await keep(page, testInfo, "3-code-step")
  })

  const code = await link.code(person.email)

  await test.step("wrong code", async () => {
    await codeInput(page).fill(wrongCode(code))
    await expect(page.getByText("That code is not right.")).toBeVisible()
    await keep(page, testInfo, "4-wrong-code")
  })

  await test.step("signed in", async () => {
    await codeInput(page).fill(code)
    await expect(page).toHaveURL(/\/checkout$/)
    await expect(
      page.getByRole("region", { name: "Your order" })
    ).toContainText("Cast Iron Teapot")
    await keep(page, testInfo, "5-signed-in-at-checkout")
  })
})
