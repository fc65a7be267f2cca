import AxeBuilder from "@axe-core/playwright"
import { expect, test, type Page } from "@playwright/test"
import { enterCode, latestCode, startSignIn } from "./helpers"

/** WCAG 2.1 A/AA violations on the current page, by rule id. */
async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze()
  return violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  )
}

test("a person signs in to the Hono shop through the hosted Login with Link page", async ({
  page,
  request,
}) => {
  const email = "jo@example.com"
  await test.step("the shop sends them to the hosted page, which asks for their email", async () => {
    await page.goto("/")
    expect(await axe(page)).toEqual([])
    await startSignIn(page, email)
    expect(await axe(page)).toEqual([])
    expect(new URL(page.url()).port).not.toBe(
      new URL(test.info().project.use.baseURL!).port
    )
    // Link's "+3*********90", as people read it (the screen reader's words beside it).
    await expect(page.getByText("•••• 90")).toBeVisible()
    await expect(page.getByText("the phone number ending in 90")).toBeAttached()
  })

  await test.step("the code from the text message brings them back, signed in", async () => {
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(page.getByText(email)).toBeVisible()
    await expect(
      page.getByRole("main").getByText("Jo Doe", { exact: true })
    ).toBeVisible()
    expect(new URL(page.url()).pathname).toBe("/account")
    expect(await axe(page)).toEqual([])
  })

  await test.step("the shop's own session keeps them signed in", async () => {
    await page.goto("/")
    await expect(
      page.getByRole("heading", { name: "Welcome back, Jo Doe" })
    ).toBeVisible()
    const cookies = await page
      .context()
      .cookies(test.info().project.use.baseURL)
    const session = cookies.find((c) => c.name === "shop_session")
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" })
  })
})
