import { expect, test } from "@playwright/test"
import {
  enterCode,
  expectInvited,
  joinLink,
  latestCode,
  submitEmail,
} from "./helpers"

test("someone not on Link is invited to join, joins, and comes back to sign in", async ({
  page,
  request,
}) => {
  const email = `newcomer-${Date.now()}@example.com`

  await test.step("the hosted page invites them to sign up for Link", async () => {
    await page.goto("/")
    await page.getByRole("link", { name: "Sign in with Link" }).click()
    await submitEmail(page, email)
    await expectInvited(page, email)
  })

  await test.step("they join Link on its sign-up page", async () => {
    await joinLink(page, email, {
      phone: "+1 415 555 0199",
      fullName: "Nia Newcomer",
    })
  })

  await test.step("they are back on the hosted page and sign in", async () => {
    await expect(
      page.getByRole("heading", { name: "Sign in to Corner Store" })
    ).toBeVisible()
    await submitEmail(page, email)
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(
      page.getByRole("main").getByText("Nia Newcomer", { exact: true })
    ).toBeVisible()
  })
})
