// Security journey: the session and challenge cookies are HttpOnly and SameSite=Lax, and over HTTPS
// (here behind a TLS proxy that says so with X-Forwarded-Proto) Secure, the challenge's
// `__Host-`-prefixed.
import type { Response } from "@playwright/test"
import { expect, test } from "./fixtures"
import { signIn } from "./security-helpers"

type SetCookie = {
  name: string
  value: string
  attributes: Map<string, string>
}

function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(";")
  const name = pair!.slice(0, pair!.indexOf("=")).trim()
  const value = pair!.slice(pair!.indexOf("=") + 1).trim()
  const attributes = new Map<string, string>()
  for (const attribute of rest) {
    const [key, ...value] = attribute.split("=")
    attributes.set(key!.trim().toLowerCase(), value.join("=").trim())
  }
  return { name, value, attributes }
}

/** Every Set-Cookie header the shop sends while `page` is used. */
function recordSetCookies(responses: Response[]): () => Promise<SetCookie[]> {
  return async () => {
    const all: SetCookie[] = []
    for (const response of responses) {
      for (const header of await response.headerValues("set-cookie"))
        for (const line of header.split("\n"))
          if (line) all.push(parseSetCookie(line))
    }
    return all
  }
}

const AUTH_COOKIE =
  /(^|\.)authjs\.|^__(Secure|Host)-authjs\.|^(__Host-)?link_signin$/

test("behind HTTPS: session and challenge cookies are HttpOnly, Secure, SameSite=Lax; the challenge's is __Host-", async ({
  browser,
  link,
  person,
  baseURL,
}) => {
  const context = await browser.newContext({
    baseURL: baseURL!,
    extraHTTPHeaders: { "x-forwarded-proto": "https" },
  })
  const page = await context.newPage()
  const responses: Response[] = []
  page.on("response", (response) => responses.push(response))
  await signIn(page, link, person.email)
  await expect(page).toHaveURL(/\/account$/)
  const set = (await recordSetCookies(responses)())
    .filter((c) => AUTH_COOKIE.test(c.name))
    // Deletions (an empty cookie, expired) carry nothing to protect.
    .filter(
      (c) =>
        c.value !== "" &&
        c.attributes.get("max-age") !== "0" &&
        Date.parse(c.attributes.get("expires") ?? "9999") > Date.now()
    )
  const names = set.map((c) => c.name)
  expect(names).toContain("__Host-link_signin")
  expect(names).not.toContain("link_signin")
  expect(names).toContain("__Secure-authjs.session-token")
  for (const cookie of set) {
    await test.step(cookie.name, () => {
      expect(cookie.attributes.has("httponly"), `${cookie.name} HttpOnly`).toBe(
        true
      )
      expect(cookie.attributes.has("secure"), `${cookie.name} Secure`).toBe(
        true
      )
      expect(cookie.attributes.get("samesite")?.toLowerCase()).toBe("lax")
    })
  }
  // __Host-: Path=/ and no Domain, so no sibling subdomain can plant or read it.
  const challenge = set.find((c) => c.name === "__Host-link_signin")
  expect(challenge?.attributes.get("path")).toBe("/")
  expect(challenge?.attributes.has("domain")).toBe(false)
  await context.close()
})

test("scripts cannot read the session or the challenge; over plain HTTP the challenge cookie is not Secure (the browser would drop it)", async ({
  page,
  link,
  person,
}) => {
  await page.goto("/login")
  await page.getByLabel("Email").fill(person.email)
  await page.getByRole("button", { name: "Continue with Link" }).click()
  await expect(
    page.getByRole("heading", { name: "Enter your code" })
  ).toBeVisible()
  const pending = (await page.context().cookies()).find(
    (c) => c.name === "link_signin"
  )
  expect(pending).toMatchObject({
    httpOnly: true,
    sameSite: "Lax",
    secure: false,
    path: "/",
  })
  expect(await page.evaluate(() => document.cookie)).not.toContain(
    "link_signin"
  )

  await page.getByLabel("6-digit code").fill(await link.code(person.email))
  await expect(page).toHaveURL(/\/account$/)
  const session = (await page.context().cookies()).find((c) =>
    c.name.endsWith("authjs.session-token")
  )
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" })
  expect(await page.evaluate(() => document.cookie)).not.toMatch(
    /authjs|link_signin/
  )
})
