import { axe, expect, latestCode, newPerson, test } from "./fixtures"

test("mode oidc: a person signs in through the hosted page with Better Auth's genericOAuth", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "oidc-sign-in", "Ana Lima")

  await test.step("the shop sends them to the hosted Login with Link page", async () => {
    await page.goto("/")
    expect(await axe(page)).toEqual([])
    await page
      .getByRole("main")
      .getByRole("link", { name: "Sign in with Link" })
      .click()
    await expect(
      page.getByRole("heading", { name: "Sign in to Little Pantry" })
    ).toBeVisible()
    expect(new URL(page.url()).port).not.toBe(
      new URL(test.info().project.use.baseURL!).port
    )
  })

  await test.step("email and texted code on the hosted page, back to the shop signed in", async () => {
    await page.getByLabel("Email address").fill(email)
    await page.getByRole("button", { name: "Continue" }).click()
    await page.getByLabel("6-digit code").fill(await latestCode(request, email))
    await page.getByRole("button", { name: "Verify and continue" }).click()
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(page.getByRole("main")).toContainText("Ana Lima")
    expect(new URL(page.url()).pathname).toBe("/account")
    expect(await axe(page)).toEqual([])
    const cookies = await page
      .context()
      .cookies(test.info().project.use.baseURL)
    expect(
      cookies.find((c) => c.name === "better-auth.session_token")
    ).toMatchObject({ httpOnly: true, sameSite: "Lax" })
  })
})
