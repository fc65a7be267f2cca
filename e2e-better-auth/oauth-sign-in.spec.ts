import type { Page } from "@playwright/test"
import {
  axe,
  enterCode,
  expect,
  latestCode,
  newPerson,
  requestCode,
  test,
} from "./fixtures"

/** Better Auth's own answer: who this browser is signed in as. */
async function signedInUser(page: Page) {
  const response = await page.request.get("/api/auth/get-session")
  const session = (await response.json()) as {
    user: { id: string; email: string }
  } | null
  return session?.user
}

/** "Continue with Link" on the shop's sign-in page, then Link's own page: email and code. */
async function signInOnLinksPage(
  page: Page,
  request: Parameters<typeof latestCode>[0],
  email: string,
  /** Codes texted to this email so far, this one included. */
  count = 1
) {
  await page.goto("/login")
  await page.getByRole("button", { name: "Continue with Link" }).click()
  await expect(
    page.getByRole("heading", { name: "Sign in with Link" })
  ).toBeVisible()
  expect(new URL(page.url()).pathname).toBe("/oauth/auth")
  await page.getByLabel("Email").fill(email)
  await page.getByRole("button", { name: "Continue" }).click()
  await expect(page.getByLabel("Code")).toBeVisible()
  await page.getByLabel("Code").fill(await latestCode(request, email, count))
  await page.getByRole("button", { name: "Sign in", exact: true }).click()
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()
}

test("a person signs in on Link's own page (OAuth) and lands on their account", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "oauth", "Noor Haddad")

  await test.step("the sign-in page offers Link's page above the code by text", async () => {
    await page.goto("/login")
    await expect(
      page.getByRole("button", { name: "Continue with Link" })
    ).toBeVisible()
    await expect(page.getByText("or get a code by text message")).toBeVisible()
    await expect(
      page.getByRole("button", { name: "Text me a code" })
    ).toBeVisible()
    expect(await axe(page)).toEqual([])
  })

  await test.step("Link's page, then back with Better Auth's session", async () => {
    await signInOnLinksPage(page, request, email)
    await expect(page.getByRole("main")).toContainText("Noor Haddad")
    await expect(page.getByRole("main")).toContainText(email)
    expect(new URL(page.url()).pathname).toBe("/account")
    expect(await axe(page)).toEqual([])
    expect((await signedInUser(page))?.email).toBe(email)
  })
})

test("the same person by code, then by OAuth, is one user", async ({
  page,
  request,
  browser,
}) => {
  const email = await newPerson(request, "both-ways", "Ines Moreau")
  let first: string | undefined

  await test.step("by code on the shop's own pages", async () => {
    await page.goto("/login")
    await requestCode(page, email)
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    first = (await signedInUser(page))?.id
    expect(first).toBeTruthy()
  })

  await test.step("by OAuth on Link's page, in another browser: the same user", async () => {
    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL!,
      extraHTTPHeaders: { "x-e2e-client-ip": "10.250.0.1" },
    })
    const other = await context.newPage()
    await signInOnLinksPage(other, request, email, 2)
    await expect(other.getByRole("main")).toContainText("Ines Moreau")
    expect((await signedInUser(other))?.id).toBe(first)
    await context.close()
  })
})
