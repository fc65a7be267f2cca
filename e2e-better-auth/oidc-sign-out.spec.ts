import { expect, newPerson, signInOnHostedPage, test } from "./fixtures"

test("mode oidc: signing out ends Better Auth's session and, on confirmation, the hosted one", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "oidc-sign-out")
  await page.goto("/account")
  await signInOnHostedPage(page, request, email)

  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click()
  await expect(
    page.getByRole("heading", { name: "Sign out of Login with Link?" })
  ).toBeVisible()
  await page.getByRole("button", { name: "Yes, sign me out" }).click()
  await expect(page.getByRole("status")).toHaveText("You are signed out.")
  const cookies = await page.context().cookies(test.info().project.use.baseURL)
  expect(
    cookies.find((c) => c.name === "better-auth.session_token")
  ).toBeUndefined()

  await page.goto("/account")
  await expect(
    page.getByRole("heading", { name: "Sign in to Little Pantry" })
  ).toBeVisible()
  await expect(page.getByLabel("Email address")).toBeVisible()
})
