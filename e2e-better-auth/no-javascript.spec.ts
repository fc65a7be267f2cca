import {
  enterCode,
  expect,
  latestCode,
  newPerson,
  requestCode,
  test,
  wrongCode,
} from "./fixtures"

// Every step is a plain form post to the shop, answered with a page or a redirect.
test.use({ javaScriptEnabled: false })

test("with JavaScript off: sign in (a wrong code, a resend), then sign out", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "no-js")
  await page.goto("/account")
  await requestCode(page, email)

  await enterCode(page, wrongCode(await latestCode(request, email)))
  await expect(page.getByRole("alert")).toContainText("That code is not right.")

  await page.getByRole("button", { name: "Send a new code" }).click()
  await expect(page.getByRole("status")).toContainText("We texted a new code")
  await enterCode(page, await latestCode(request, email, 2))
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()

  await page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out" })
    .click()
  await expect(page.getByRole("status")).toHaveText("You are signed out.")
  await page.goto("/account")
  await expect(
    page.getByRole("heading", { name: "Sign in with Link" })
  ).toBeVisible()
})
