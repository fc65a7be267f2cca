import { continueWithLink, expect, hostedHeading, test } from "./demo-fixtures"
import {
  enterCode,
  expectInvited,
  joinLink,
  latestCode,
  submitEmail,
} from "./helpers"

test("demo shop (OIDC): someone not on Link is invited, joins, and comes back signed in", async ({
  page,
  request,
}) => {
  const email = `demo-newcomer-${Date.now()}@example.com`

  await test.step("the hosted page invites them to sign up for Link", async () => {
    await page.goto("/account")
    await continueWithLink(page, email)
    await expectInvited(page, email)
  })

  await test.step("they join Link on its sign-up page", async () => {
    await joinLink(page, email, {
      phone: "+1 415 555 0177",
      fullName: "Ada Newcomer",
    })
  })

  await test.step("back on the hosted page, they sign in and reach the demo shop", async () => {
    await expect(hostedHeading(page)).toBeVisible()
    await submitEmail(page, email)
    await enterCode(page, await latestCode(request, email))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(
      page.getByRole("main").getByText("Ada Newcomer", { exact: true })
    ).toBeVisible()
  })
})
