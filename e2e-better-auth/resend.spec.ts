import {
  enterCode,
  expect,
  latestCode,
  newPerson,
  requestCode,
  test,
} from "./fixtures"

test("'Send a new code' texts another one and says so; the new code signs in", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "resend")
  await page.goto("/login")
  await requestCode(page, email)
  const first = await latestCode(request, email)

  await page.getByRole("button", { name: "Send a new code" }).click()
  await expect(page.getByRole("status")).toContainText(
    /We texted a new code to •••• 23\./
  )
  const second = await latestCode(request, email, 2)
  expect(second).not.toBe(first)

  await enterCode(page, second)
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()
})
