import {
  enterCode,
  expect,
  latestCode,
  newPerson,
  requestCode,
  test,
  wrongCode,
} from "./fixtures"

test("a wrong code is explained in the alert region; the right one, typed with a space, still works", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "wrong-code")
  await page.goto("/login")
  await requestCode(page, email)
  const right = await latestCode(request, email)

  await enterCode(page, wrongCode(right))
  await expect(page.getByRole("alert")).toContainText("That code is not right.")
  await expect(page.getByLabel("6-digit code")).toHaveAttribute(
    "aria-invalid",
    "true"
  )
  await expect(page).toHaveURL(/\/login\/code$/)

  await enterCode(page, `${right.slice(0, 3)} ${right.slice(3)}`)
  await expect(
    page.getByRole("heading", { name: "Your account" })
  ).toBeVisible()
})
