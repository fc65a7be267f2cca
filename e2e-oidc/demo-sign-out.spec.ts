import {
  continueWithLink,
  expect,
  hostedHeading,
  shopSession,
  test,
} from "./demo-fixtures"
import { enterCode, latestCode, newPerson } from "./helpers"

test("demo shop (OIDC): signing out ends next-auth's session and, on confirmation, the hosted one", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "demo-sign-out")
  const shop = test.info().project.use.baseURL!

  await test.step("sign in", async () => {
    await page.goto("/account")
    await continueWithLink(page, email)
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
  })

  await test.step("Sign out asks the hosted page to end its session too", async () => {
    await page
      .getByRole("banner")
      .getByRole("button", { name: "Sign out" })
      .click()
    await expect(
      page.getByRole("heading", { name: "Sign out of Login with Link?" })
    ).toBeVisible()
    await page.getByRole("button", { name: "Yes, sign me out" }).click()
  })

  await test.step("back at the shop's home page, signed out", async () => {
    await expect(
      page
        .getByRole("banner")
        .getByRole("link", { name: "Sign in", exact: true })
    ).toBeVisible()
    expect(new URL(page.url()).origin).toBe(new URL(shop).origin)
    expect(new URL(page.url()).pathname).toBe("/")
    const cookies = await page.context().cookies(shop)
    expect(
      cookies.find((c) => c.name === "authjs.session-token")
    ).toBeUndefined()
    expect(await shopSession(page)).toBeNull()
  })

  await test.step("the account page now needs a new sign-in with a code", async () => {
    await page.goto("/account")
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(hostedHeading(page)).toBeVisible()
    await expect(page.getByLabel("Email address")).toBeVisible()
  })
})
