/**
 * The `cspViolations` fixture the journeys of the Next.js shops share (e2e/fixtures.ts,
 * e2e-oidc/demo-fixtures.ts): every journey also checks that the Content-Security-Policy blocked
 * nothing the shop needs.
 */
import {
  expect,
  type PlaywrightTestArgs,
  type TestFixture,
} from "@playwright/test"

/** Fails a journey on any CSP violation the browser reports (an automatic fixture). */
export const cspViolations: [
  TestFixture<string[], PlaywrightTestArgs>,
  { auto: true },
] = [
  async ({ page }, use) => {
    const violations: string[] = []
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text()))
        violations.push(message.text())
    })
    await use(violations)
    expect(violations, "CSP violations in the browser console").toEqual([])
  },
  { auto: true },
]
