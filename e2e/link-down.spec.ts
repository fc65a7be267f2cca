// Journey 8: Link fails (500s, then a request that hangs): the shop says so plainly, stays
// usable, and signing in works as soon as Link is back.
import { codeInput, expect, requestCode, test } from "./fixtures"

test.afterEach(async ({ link }) => {
  await link.clearFaults()
})

const TECHNICAL =
  /500|api_error|stack|exception|undefined|LinkApiError|fetch failed/i

test("Link down: a clear message, a usable page, and sign-in once Link is back", async ({
  page,
  link,
  person,
}) => {
  await page.goto("/login")
  const email = page.getByLabel("Email")
  const send = page.getByRole("button", { name: "Continue with Link" })

  await test.step("Link answers 500: the person is told plainly and can retry", async () => {
    await link.addFault({ route: "*", kind: "status", status: 500, count: 3 })
    await email.fill(person.email)
    await send.click()
    await expect(
      page.getByText("Link is not answering right now.")
    ).toBeVisible()
    await expect(page.getByText("Try again in a minute.")).toBeVisible()
    await expect(email).toHaveValue(person.email)
    await expect(email).toBeFocused()
    await expect(send).toBeEnabled()
    await expect(page.getByRole("main")).not.toContainText(TECHNICAL)
    await link.clearFaults()
  })

  await test.step("Link hangs: the page shows it is waiting, then gives a clear answer", async () => {
    await link.addFault({ route: "lookup-email", kind: "hang", count: 1 })
    await send.click()
    await expect(
      page.getByRole("button", { name: "Sending a code…" })
    ).toBeDisabled()
    await expect(page.getByRole("link", { name: "Shop" })).toBeVisible()
    await expect(
      page.getByText("Link is not answering right now.")
    ).toBeHidden()
    // The provider gives up on Link after its 10-second timeout.
    await expect(send).toBeEnabled({ timeout: 30_000 })
    await expect(
      page.getByText("Link is not answering right now.")
    ).toBeVisible()
    await expect(page.getByRole("main")).not.toContainText(TECHNICAL)
  })

  await test.step("Link fails at the code step: the code step stays", async () => {
    await requestCode(page, person.email)
    await link.addFault({
      route: "authenticate",
      kind: "status",
      status: 503,
      count: 1,
    })
    const code = await link.code(person.email)
    await codeInput(page).fill(code)
    await expect(
      page.getByText("Link is not answering right now.")
    ).toBeVisible()
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
    await expect(page.getByRole("main")).not.toContainText(TECHNICAL)
  })

  await test.step("Link is back: the same code signs in", async () => {
    await link.clearFaults()
    await codeInput(page).fill(await link.code(person.email))
    await expect(page).toHaveURL(/\/account$/)
  })
})
