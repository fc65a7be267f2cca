// Journey 9: axe finds no serious or critical violations on the home page, both sign-in steps
// and the account page.
import AxeBuilder from "@axe-core/playwright"
import type { Page } from "@playwright/test"
import { codeInput, expect, requestCode, test } from "./fixtures"

async function seriousViolations(page: Page) {
  // After a server action React re-renders the head, and the <title> is briefly absent: scan the
  // settled page, not that moment.
  await expect(page).toHaveTitle(/\S/)
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze()
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }))
}

test("no serious or critical accessibility violations", async ({
  page,
  link,
  person,
}) => {
  await test.step("home page", async () => {
    await page.goto("/")
    expect(await seriousViolations(page)).toEqual([])
  })

  await test.step("sign-in: email step", async () => {
    await page.goto("/login")
    expect(await seriousViolations(page)).toEqual([])
  })

  await test.step("sign-in: code step", async () => {
    await requestCode(page, person.email)
    expect(await seriousViolations(page)).toEqual([])
  })

  await test.step("account page", async () => {
    await codeInput(page).fill(await link.code(person.email))
    await expect(page).toHaveURL(/\/account$/)
    expect(await seriousViolations(page)).toEqual([])
  })
})
