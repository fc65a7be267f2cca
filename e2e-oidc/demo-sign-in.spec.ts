import {
  axe,
  continueWithLink,
  expect,
  hostedHeading,
  shopSession,
  test,
} from "./demo-fixtures"
import { enterCode, latestCode, newPerson } from "./helpers"

test("the demo shop in OIDC mode signs a person in through the hosted page", async ({
  page,
  request,
  browser,
}) => {
  const email = await newPerson(request, "demo-sign-in")
  const shop = test.info().project.use.baseURL!

  await test.step("the home page links to the hosted page and the second shop", async () => {
    await page.goto("/")
    const hosted = page.getByRole("link", {
      name: /hosted Login with Link page/,
    })
    await expect(hosted).toHaveAttribute(
      "href",
      new RegExp(`^http://localhost:\\d+`)
    )
    await expect(
      page.getByRole("link", { name: /Corner Store, a second shop/ })
    ).toBeVisible()
    expect(await axe(page)).toEqual([])
  })

  await test.step("Sign in shows one button instead of the email and code forms", async () => {
    await page
      .getByRole("banner")
      .getByRole("link", { name: "Sign in", exact: true })
      .click()
    await expect(
      page.getByRole("heading", { name: "Sign in", exact: true })
    ).toBeVisible()
    await expect(page.getByLabel("Email")).toHaveCount(0)
    expect(await axe(page)).toEqual([])
  })

  await test.step("the hosted page (another site) asks for the email and the texted code", async () => {
    await continueWithLink(page, email)
    expect(new URL(page.url()).origin).not.toBe(new URL(shop).origin)
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
    await enterCode(page, await latestCode(request, email))
  })

  let id = ""
  await test.step("back at the shop, signed in with next-auth's own session", async () => {
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    expect(new URL(page.url()).pathname).toBe("/account")
    await expect(page.getByRole("main").getByText(email)).toBeVisible()
    await expect(
      page.getByRole("main").getByText("Sam Rivera", { exact: true })
    ).toBeVisible()
    const session = await shopSession(page)
    expect(session?.user?.email).toBe(email)
    // The person's id is the ID token's sub: opaque, not the email.
    id = session?.user?.id ?? ""
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const cookies = await page.context().cookies(shop)
    expect(
      cookies.find((c) => c.name === "authjs.session-token")
    ).toMatchObject({ httpOnly: true, sameSite: "Lax" })
  })

  await test.step("signing in again (another browser) gives the same id", async () => {
    const other = await browser.newContext({ baseURL: shop })
    const second = await other.newPage()
    await second.goto("/account")
    await continueWithLink(second, email)
    await enterCode(second, await latestCode(request, email, 2))
    await expect(
      second.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    expect((await shopSession(second))?.user?.id).toBe(id)
    await other.close()
  })

  await test.step("a hosted session lets the shop sign in again without a code", async () => {
    // Only the shop's cookies (the hosted page's share the host "localhost", on another port).
    await page.context().clearCookies({ name: /^authjs\./ })
    expect(await shopSession(page)).toBeNull()
    await page.goto("/account")
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(hostedHeading(page)).toHaveCount(0)
  })
})
