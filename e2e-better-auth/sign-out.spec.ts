import { expect, newPerson, signIn, test } from "./fixtures"

test("signing out ends Better Auth's session; the account page asks for a code again", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "sign-out")
  await signIn(page, request, email)

  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click()
  await expect(page.getByRole("status")).toHaveText("You are signed out.")
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })
  ).toBeVisible()
  const cookies = await page.context().cookies()
  expect(
    cookies.find((c) => c.name === "better-auth.session_token")
  ).toBeUndefined()

  await page.goto("/account")
  await expect(
    page.getByRole("heading", { name: "Sign in with Link" })
  ).toBeVisible()
})
