import { continueWithLink, expect, test } from "./demo-fixtures"
import { codesFor, enterCode, latestCode, newPerson } from "./helpers"

test("demo shop (OIDC): a person asks the hosted page for a new code and signs in with it", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "demo-resend")
  await page.goto("/login")
  await continueWithLink(page, email)
  await latestCode(request, email)

  await test.step("Send a new code texts another one and says so", async () => {
    await page.getByRole("button", { name: "Send a new code" }).click()
    await expect(page.getByRole("status")).toContainText(
      "We sent a new code to"
    )
    await expect
      .poll(async () => (await codesFor(request, email)).length)
      .toBe(2)
  })

  await test.step("the new code signs them in to the demo shop", async () => {
    await enterCode(page, await latestCode(request, email, 2))
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(page.getByRole("main").getByText(email)).toBeVisible()
  })
})
