// OAuth journey 2: the same person signs in by the in-page code, then on Link's own page, and is
// one user (the same id: linkJwt makes the OAuth sign-in's id the code path's).
import {
  expect,
  LINK_PAGE_BUTTON,
  shopSession,
  signInOnLinkPage,
  test,
  TEXT_ME_A_CODE,
} from "./oauth-fixtures"
import { codeInput } from "./fixtures"

test("the same person by code, then by Link's page, is one user", async ({
  page,
  link,
  person,
}) => {
  let idByCode: string | undefined
  await test.step("signs in with a code on the shop's own page", async () => {
    await page.goto("/login")
    await page.getByLabel("Email").fill(person.email)
    await page.getByRole("button", { name: TEXT_ME_A_CODE }).click()
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
    // Six digits typed: the form sends itself.
    await codeInput(page).fill(await link.code(person.email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    idByCode = (await shopSession(page))?.user?.id
    expect(idByCode).toBe(person.email)
  })

  await test.step("signs out", async () => {
    await page
      .getByRole("banner")
      .getByRole("button", { name: "Sign out" })
      .click()
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible()
    expect(await shopSession(page)).toBeNull()
  })

  await test.step("signs in on Link's page and is the same user", async () => {
    await page.goto("/login")
    await page.getByRole("button", { name: LINK_PAGE_BUTTON }).click()
    await signInOnLinkPage(page, link, person, 2)
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    const session = await shopSession(page)
    expect(session?.user?.id).toBe(idByCode)
    expect(session?.user?.email).toBe(person.email)
  })
})
