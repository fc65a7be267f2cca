// Known devices, in the browser: after a sign-in the shop keeps an httpOnly `link_device` cookie,
// and a stranger who uses up the person's code sends from other browsers cannot keep the person out
// of this one (next-auth's signIn hands authorize() the browser's cookies).
import { codeInput, expect, requestCode, test } from "./fixtures"

test("a stranger who uses up a person's code sends cannot keep them out of the browser they signed in on", async ({
  browser,
  page,
  link,
  person,
}) => {
  await test.step("signing in leaves an httpOnly device cookie that scripts cannot read", async () => {
    await page.goto("/login")
    await requestCode(page, person.email)
    await codeInput(page).fill(await link.code(person.email))
    await expect(page).toHaveURL(/\/account$/)
    const device = (await page.context().cookies()).find(
      (c) => c.name === "link_device"
    )
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" })
    expect(await page.evaluate(() => document.cookie)).not.toContain(
      "link_device"
    )
    // Signed out (the session cookie gone); the device cookie stays with the browser.
    await page.context().clearCookies({ name: /authjs/ })
  })

  await test.step("a stranger, from fresh browsers, types the email until the per-email limit refuses it", async () => {
    let refused = false
    for (let i = 0; i < 4 && !refused; i++) {
      const stranger = await browser.newContext()
      const other = await stranger.newPage()
      await other.goto("/login")
      await other.getByLabel("Email").fill(person.email)
      await other.getByRole("button", { name: "Continue with Link" }).click()
      const limited = other.getByText("Too many tries in a short time.")
      const code = other.getByRole("heading", { name: "Enter your code" })
      await expect(limited.or(code)).toBeVisible()
      refused = await limited.isVisible()
      await stranger.close()
    }
    expect(refused).toBe(true)
  })

  await test.step("the person, on their own browser, still gets a code and signs in", async () => {
    const sent = (await link.messages(person.email)).length
    await page.goto("/login")
    await requestCode(page, person.email)
    await codeInput(page).fill(await link.code(person.email, sent + 1))
    await expect(page).toHaveURL(/\/account$/)
  })
})
