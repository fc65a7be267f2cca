import {
  axe,
  enterCode,
  expect,
  fromHomeToSignIn,
  latestCode,
  newPerson,
  requestCode,
  test,
} from "./fixtures"

test("a person signs in with Link on the shop's own pages (the Better Auth plugin)", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "sign-in", "Ana Lima")

  await test.step("home page, then the email step of the shop's own sign-in page", async () => {
    await fromHomeToSignIn(page, "Sign in with Link")
    expect(new URL(page.url()).pathname).toBe("/login")
    expect(await axe(page)).toEqual([])
  })

  await test.step("the code step names the redacted phone; no challenge in the page", async () => {
    await requestCode(page, email)
    await expect(page.getByRole("main")).toContainText("•••• 23")
    expect(await axe(page)).toEqual([])
    const pending = (await page.context().cookies()).find(
      (c) => c.name === "pantry_link_signin"
    )
    expect(pending).toMatchObject({ httpOnly: true, sameSite: "Lax" })
    expect(await page.content()).not.toContain("challenge")
  })

  await test.step("the texted code signs them in: the account page, Better Auth's session", async () => {
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(page.getByRole("main")).toContainText("Ana Lima")
    await expect(page.getByRole("main")).toContainText(email)
    expect(await axe(page)).toEqual([])
    const cookies = await page.context().cookies()
    expect(
      cookies.find((c) => c.name === "better-auth.session_token")
    ).toMatchObject({ httpOnly: true, sameSite: "Lax" })
    expect(cookies.find((c) => c.name === "pantry_link_signin")).toBeUndefined()
  })

  await test.step("the session keeps them signed in", async () => {
    await page.goto("/")
    await expect(
      page.getByRole("heading", { name: "Welcome back, Ana Lima" })
    ).toBeVisible()
  })
})

test("a protected page sends a stranger to sign in and back to it afterwards", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "return-to")
  await page.goto("/account")
  await expect(page).toHaveURL(/\/login\?return_to=%2Faccount$/)
  await requestCode(page, email)
  await enterCode(page, await latestCode(request, email))
  await expect(page).toHaveURL(/\/account$/)
})
