// Journey 6: checkout while signed out goes through sign-in and back to checkout, cart intact.
import { codeInput, expect, requestCode, test } from "./fixtures"

test("checkout while signed out: sign in, then back to checkout with the cart", async ({
  page,
  link,
  person,
}) => {
  await test.step("fill the cart while signed out", async () => {
    await page.goto("/products/linen-tote")
    await page.getByLabel("Quantity").selectOption("2")
    await page.getByRole("button", { name: "Add to cart" }).click()
    await expect(page).toHaveURL(/\/cart$/)
    await page.goto("/products/beeswax-candle")
    await page.getByRole("button", { name: "Add to cart" }).click()
    await expect(
      page.getByRole("link", { name: /Cart\W+3 items/ })
    ).toBeVisible()
  })

  await test.step("checkout asks the person to sign in", async () => {
    await page.getByRole("link", { name: "Check out" }).click()
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcheckout$/)
  })

  await test.step("after sign-in the person is back at checkout, cart intact", async () => {
    await requestCode(page, person.email)
    await codeInput(page).fill(await link.code(person.email))
    await expect(page).toHaveURL(/\/checkout$/)
    await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible()
    const order = page.getByRole("region", { name: "Your order" })
    await expect(
      order.getByRole("listitem").filter({ hasText: "Linen Market Tote" })
    ).toContainText("Quantity: 2")
    await expect(
      order.getByRole("listitem").filter({ hasText: "Beeswax Pillar Candle" })
    ).toContainText("Quantity: 1")
    await expect(order).toContainText("$82.00")
    await expect(page.getByRole("region", { name: "Contact" })).toContainText(
      person.email
    )
  })

  await test.step("placing the order empties the cart", async () => {
    await page.getByRole("button", { name: "Place order" }).click()
    await expect(
      page.getByRole("heading", { name: "Thank you for your order" })
    ).toBeVisible()
    await expect(
      page.getByRole("link", { name: /Cart\W+0 items/ })
    ).toBeVisible()
  })
})
