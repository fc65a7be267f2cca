import { expect, test } from "@playwright/test"
import { latestCode } from "./helpers"

test("a person signs in to the Hono shop through Link's own OAuth page, and signs out", async ({
  page,
  request,
}) => {
  const email = "jo@example.com"
  const shop = new URL(test.info().project.use.baseURL!)

  await test.step("the shop sends them to Link's sign-in page, which asks for their email", async () => {
    await page.goto("/")
    await expect(page.getByText("Link's own sign-in page")).toBeVisible()
    await page.getByRole("link", { name: "Sign in with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Sign in with Link" })
    ).toBeVisible()
    const link = new URL(page.url())
    expect(link.pathname).toBe("/oauth/auth")
    expect(link.port).not.toBe(shop.port)
    expect(link.searchParams.get("code_challenge_method")).toBe("S256")
    await page.getByLabel("Email").fill(email)
    await page.getByRole("button", { name: "Continue" }).click()
  })

  await test.step("the code from the text message brings them back, signed in", async () => {
    await page.getByLabel("Code").fill(await latestCode(request, email))
    await page.getByRole("button", { name: "Sign in", exact: true }).click()
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    expect(new URL(page.url()).origin).toBe(shop.origin)
    expect(new URL(page.url()).pathname).toBe("/account")
    await expect(page.getByRole("main").getByText(email)).toBeVisible()
    await expect(
      page.getByRole("main").getByText("Jo Doe", { exact: true })
    ).toBeVisible()
  })

  await test.step("the shop's own session keeps them signed in, until they sign out", async () => {
    await page.goto("/")
    await expect(
      page.getByRole("heading", { name: "Welcome back, Jo Doe" })
    ).toBeVisible()
    await page.getByRole("button", { name: "Sign out" }).click()
    await expect(page.getByText("You are signed out.")).toBeVisible()
    expect(new URL(page.url()).origin).toBe(shop.origin)
    await expect(
      page.getByRole("link", { name: "Sign in with Link" })
    ).toBeVisible()
  })
})

test("a person who cancels on Link's page comes back to the shop, told so, not signed in", async ({
  page,
}) => {
  await page.goto("/")
  await page.getByRole("link", { name: "Sign in with Link" }).click()
  await page.getByRole("button", { name: "Cancel" }).click()
  await expect(
    page.getByRole("heading", { name: "Sign-in cancelled" })
  ).toBeVisible()
  expect(new URL(page.url()).origin).toBe(
    new URL(test.info().project.use.baseURL!).origin
  )
})
