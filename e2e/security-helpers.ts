/**
 * Shared by the security journeys (security-*.spec.ts): a page on another site served by the
 * browser itself, the sign-in steps, and reading what the shop set in cookies.
 */
import type { BrowserContext, Page } from "@playwright/test"
import {
  codeInput,
  expect,
  newPerson,
  requestCode,
  type LinkSimulator,
  type Person,
} from "./fixtures"

/** Another site. Its pages are served by Playwright (page.route), never fetched. */
export const EVIL_ORIGIN = "http://evil.example"

export function shopOrigin(): string {
  const port = process.env.E2E_SHOP_PORT
  if (!port) throw new Error("E2E_SHOP_PORT is not set (playwright.config.ts)")
  return `http://127.0.0.1:${port}`
}

/**
 * The shop's origins. Auth.js builds its own redirects from the request URL, which `next start
 * --hostname 127.0.0.1` reports as localhost: same port, same machine, so both count as the shop.
 */
export function isShopUrl(url: string): boolean {
  const { origin } = new URL(url, shopOrigin())
  const port = new URL(shopOrigin()).port
  return origin === shopOrigin() || origin === `http://localhost:${port}`
}

/** Serve `html` at `EVIL_ORIGIN + path` for this context, and open it. */
export async function openEvilPage(
  page: Page,
  html: string,
  path = "/attack",
  origin = EVIL_ORIGIN
): Promise<void> {
  await page
    .context()
    .route(`${origin}${path}`, (route) =>
      route.fulfill({ contentType: "text/html; charset=utf-8", body: html })
    )
  await page.goto(`${origin}${path}`)
}

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")

/** A plain HTML form on the evil site that posts `fields` to `action` when its button is clicked. */
export function evilForm(
  action: string,
  fields: Record<string, string>,
  enctype = "application/x-www-form-urlencoded"
): string {
  const inputs = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`
    )
    .join("\n")
  return `<!doctype html><title>Win a prize</title>
<form method="post" action="${escapeHtml(action)}" enctype="${enctype}">
${inputs}
<button type="submit">Claim your prize</button>
</form>`
}

/** A new person on Link for this test only. */
export async function seedPerson(
  link: LinkSimulator,
  label: string
): Promise<Person> {
  const person = newPerson(label)
  await link.seed(person)
  return person
}

/** The whole sign-in through the shop's pages; ends where the shop redirects after it. */
export async function signIn(
  page: Page,
  link: LinkSimulator,
  email: string,
  loginUrl = "/login"
): Promise<void> {
  await page.goto(loginUrl)
  await requestCode(page, email)
  await codeInput(page).fill(await link.code(email))
  await expect(page).not.toHaveURL(/\/login(\?|$)/)
}

/** The sealed challenge of the sign-in in progress, from the shop's httpOnly cookie. */
export async function pendingChallenge(
  context: BrowserContext
): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "link_signin")
  if (!cookie) throw new Error("no link_signin cookie: no sign-in in progress")
  // The cookie holds the sealed challenge itself, nothing else.
  return cookie.value
}

/** Is this browser context signed in? (The account page, not a redirect to /login.) */
export async function isSignedIn(page: Page): Promise<boolean> {
  await page.goto("/account")
  return !new URL(page.url()).pathname.startsWith("/login")
}
