import { expect, test } from "@playwright/test"
import {
  enterCode,
  expectCodeRefused,
  latestCode,
  newPerson,
  startSignIn,
  wrongCode,
} from "./helpers"

test("a wrong code is explained on the hosted page, and the right one still works", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "wrong-code")
  await startSignIn(page, email)
  const right = await latestCode(request, email)

  await test.step("a wrong code keeps the person on the code step with the reason", async () => {
    await enterCode(page, wrongCode(right))
    await expectCodeRefused(page)
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
  })

  await test.step("the right code, typed with a space, signs them in", async () => {
    await enterCode(page, `${right.slice(0, 3)} ${right.slice(3)}`)
    await expect(
      page.getByRole("heading", { name: "Your account" })
    ).toBeVisible()
    await expect(page.getByText(email)).toBeVisible()
  })
})
