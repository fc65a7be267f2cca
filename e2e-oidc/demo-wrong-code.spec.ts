import { continueWithLink, expect, test } from "./demo-fixtures"
import {
  enterCode,
  expectCodeRefused,
  latestCode,
  newPerson,
  wrongCode,
} from "./helpers"

test("demo shop (OIDC): a wrong code is explained on the hosted page, the right one signs in", async ({
  page,
  request,
}) => {
  const email = await newPerson(request, "demo-wrong-code")

  await test.step("the checkout asks a signed-out person to sign in with Link", async () => {
    await page.goto("/checkout")
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(
      "/checkout"
    )
    await continueWithLink(page, email)
  })
  const right = await latestCode(request, email)

  await test.step("a wrong code keeps the person on the code step with the reason", async () => {
    await enterCode(page, wrongCode(right))
    await expectCodeRefused(page)
  })

  await test.step("the right code brings them back to the checkout, signed in", async () => {
    await enterCode(page, right)
    await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible()
    expect(new URL(page.url()).pathname).toBe("/checkout")
    await expect(
      page.getByRole("banner").getByRole("button", { name: "Sign out" })
    ).toBeVisible()
  })
})
