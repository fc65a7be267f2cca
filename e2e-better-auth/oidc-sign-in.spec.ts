import {
  axe,
  expect,
  fromHomeToSignIn,
  newPerson,
  signInOnHostedPage,
  test,
} from "./fixtures"

test("mode oidc: a person signs in through the hosted page with Better Auth's genericOAuth", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "oidc-sign-in", "Ana Lima")

  await test.step("the shop sends them to the hosted Login with Link page", async () => {
    await fromHomeToSignIn(page, "Sign in to Little Pantry")
    expect(new URL(page.url()).port).not.toBe(
      new URL(test.info().project.use.baseURL!).port
    )
  })

  await test.step("email and texted code on the hosted page, back to the shop signed in", async () => {
    await signInOnHostedPage(page, request, email)
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
