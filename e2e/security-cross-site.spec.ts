// Security journey: forms on another site cannot act for a person. A cross-site POST to the
// sign-in server action sends no SMS; one to Auth.js's sign-in callback or sign-out is refused
// (the Origin check of app/lib/same-origin.ts, on top of Auth.js's CSRF token and SameSite).
import { expect, requestCode, test } from "./fixtures"
import {
  EVIL_ORIGIN,
  evilForm,
  isShopUrl,
  isSignedIn,
  openEvilPage,
  pendingChallenge,
  seedPerson,
  shopOrigin,
  signIn,
} from "./security-helpers"

test("a copy of the sign-in form on another site sends no code; the same form on the shop does", async ({
  browser,
  link,
  person,
}) => {
  // Without JavaScript, as a forged form would be posted (the form works without it).
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL: shopOrigin(),
  })
  const page = await context.newPage()
  await page.goto("/login")
  const form = page.locator("form", { has: page.locator("input[name=email]") })
  // The real form, with every hidden field Next.js put in it (the action id among them).
  const fields = await form.evaluate((element) =>
    Array.from(
      new FormData(element as HTMLFormElement).entries(),
      ([name, value]) => [name, String(value)] as const
    )
  )
  const forged = Object.fromEntries(fields)
  forged.email = person.email

  await test.step("posted from another site: refused, no SMS", async () => {
    await openEvilPage(
      page,
      evilForm(`${shopOrigin()}/login`, forged, "multipart/form-data")
    )
    const answer = page.waitForResponse(
      (r) =>
        r.url().startsWith(`${shopOrigin()}/login`) &&
        r.request().method() === "POST"
    )
    await page.getByRole("button", { name: "Claim your prize" }).click()
    const response = await answer
    expect(response.request().headers()["origin"]).toBe(EVIL_ORIGIN)
    expect(response.status()).toBeGreaterThanOrEqual(400)
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeHidden()
    expect(await link.messages(person.email)).toEqual([])
  })

  await test.step("the same fields posted from the shop's own page: a code is sent", async () => {
    await page.goto("/login")
    await page.getByLabel("Email").fill(person.email)
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Enter your code" })
    ).toBeVisible()
    expect(await link.messages(person.email)).toHaveLength(1)
  })
  await context.close()
})

test("a form on another site cannot sign a person in as someone else, nor sign them out", async ({
  page,
  link,
  person,
  browser,
}) => {
  const attacker = await seedPerson(link, "attacker")
  // The attacker starts a sign-in to their own account in their own browser: a valid challenge
  // and code, and their own CSRF token.
  const theirs = await browser.newContext({ baseURL: shopOrigin() })
  const theirPage = await theirs.newPage()
  await theirPage.goto("/login")
  await requestCode(theirPage, attacker.email)
  const challenge = await pendingChallenge(theirs)
  const code = await link.code(attacker.email)
  const csrf = await theirPage.request.get("/api/auth/csrf")
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  await theirs.close()

  await test.step("login CSRF: the victim's browser posts the attacker's challenge and code", async () => {
    await openEvilPage(
      page,
      evilForm(`${shopOrigin()}/api/auth/callback/link`, {
        challenge,
        code,
        csrfToken,
        callbackUrl: `${shopOrigin()}/account`,
      })
    )
    const answer = page.waitForResponse((r) =>
      r.url().startsWith(`${shopOrigin()}/api/auth/callback/link`)
    )
    await page.getByRole("button", { name: "Claim your prize" }).click()
    expect((await answer).status()).toBe(403)
    expect(await isSignedIn(page)).toBe(false)
  })

  await test.step("sign-out CSRF: a signed-in victim stays signed in", async () => {
    await signIn(page, link, person.email)
    expect(await isSignedIn(page)).toBe(true)
    await openEvilPage(
      page,
      evilForm(`${shopOrigin()}/api/auth/signout`, {
        csrfToken,
        callbackUrl: `${EVIL_ORIGIN}/gotcha`,
      }),
      "/signout"
    )
    const answer = page.waitForResponse((r) =>
      r.url().startsWith(`${shopOrigin()}/api/auth/signout`)
    )
    await page.getByRole("button", { name: "Claim your prize" }).click()
    expect((await answer).status()).toBe(403)
    expect(await isSignedIn(page)).toBe(true)
  })
})

test("Auth.js's callback refuses another site's Origin even with a valid CSRF token, challenge and code", async ({
  playwright,
  link,
  person,
  browser,
}) => {
  // A same-site attacker (a sibling subdomain) can plant the CSRF cookie; only Origin is left.
  const context = await browser.newContext({ baseURL: shopOrigin() })
  const page = await context.newPage()
  await page.goto("/login")
  await requestCode(page, person.email)
  const challenge = await pendingChallenge(context)
  const code = await link.code(person.email)
  await context.close()

  const api = await playwright.request.newContext({ baseURL: shopOrigin() })
  const csrf = await api.get("/api/auth/csrf")
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const post = (origin: string) =>
    api.post("/api/auth/callback/link", {
      form: {
        challenge,
        code,
        csrfToken,
        callbackUrl: `${shopOrigin()}/account`,
      },
      headers: { origin },
      maxRedirects: 0,
    })
  const sessionCookie = (setCookie: string | undefined) =>
    /(^|\n)(__Secure-)?authjs\.session-token=[^;]+/.test(setCookie ?? "")

  const forged = await post(EVIL_ORIGIN)
  expect(forged.status()).toBe(403)
  expect(sessionCookie(forged.headers()["set-cookie"])).toBe(false)
  expect(await forged.json()).toMatchObject({ error: "cross_site_request" })

  // The very same request from the shop's own origin signs in: the check is what refused it.
  const own = await post(shopOrigin())
  expect(own.status()).toBe(302)
  expect(isShopUrl(own.headers()["location"] ?? "")).toBe(true)
  expect(sessionCookie(own.headers()["set-cookie"])).toBe(true)
  await api.dispose()
})

test("sign-out from another site's Origin is refused even with the session and a valid CSRF token", async ({
  playwright,
  page,
  link,
  person,
}) => {
  await signIn(page, link, person.email)
  const state = await page.context().storageState()
  const api = await playwright.request.newContext({
    baseURL: shopOrigin(),
    storageState: state,
  })
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as {
    csrfToken: string
  }
  const forged = await api.post("/api/auth/signout", {
    form: { csrfToken, callbackUrl: "/" },
    headers: { origin: EVIL_ORIGIN },
    maxRedirects: 0,
  })
  expect(forged.status()).toBe(403)
  const session = await (await api.get("/api/auth/session")).json()
  expect(session).toMatchObject({ user: { email: person.email } })
  await api.dispose()
})
