import { expect, test } from "@playwright/test"
import {
  codesFor,
  enterCode,
  latestCode,
  newPerson,
  startSignIn,
} from "./helpers"

test("a person asks for a new code and signs in with it", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "resend")
  await startSignIn(page, email)
  const first = await latestCode(request, email)

  await test.step("Send a new code texts another one and says so", async () => {
    await page.getByRole("button", { name: "Send a new code" }).click()
    await expect(page.getByRole("status")).toContainText(
      "We sent a new code to"
    )
    await expect
      .poll(async () => (await codesFor(request, email)).length)
      .toBe(2)
  })

  await test.step("the new code signs them in", async () => {
    const second = await latestCode(request, email, 2)
    expect(second).toMatch(/^\d{6}$/)
    expect(first).toMatch(/^\d{6}$/)
    await enterCode(page, second)
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
  })
})
