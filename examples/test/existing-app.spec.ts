/**
 * examples/existing-app, installed from packed tarballs and built (examples/test/run.mjs): the
 * app's own GitHub sign-in keeps working, and Login with Link, added with the README's lines,
 * signs people in on the same page, with JavaScript on and off, although the app has two copies of
 * @auth/core: by the texted code in the page, and by "Continue with Link" on Link's own page
 * (OAuth, the simulator's).
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import type { Page } from "@playwright/test"
import {
  codeInput,
  expect,
  newPerson,
  test,
  wrongCode,
} from "../../e2e/fixtures"
import { signInOnLinkPage } from "../../e2e/oauth-fixtures"

const appDir = process.env.EXAMPLE_APP_DIR!
const withLink = Boolean(process.env.EXAMPLE_WITH_LINK)
/**
 * Where /protected sends a signed-out person once the app has `pages: { signIn: "/login" }`:
 * Auth.js's /api/auth/signin hands the callbackUrl on as an absolute URL.
 */
const LOGIN_FROM_PROTECTED =
  /\/login\?callbackUrl=http%3A%2F%2Flocalhost%3A\d+%2Fprotected$/
const github = { name: "Mona Lisa Octocat", email: "mona@example.com" }
/**
 * With "Continue with Link" (Link's own page) above the code steps, the email step's button asks
 * for a text message.
 */
const EMAIL_SUBMIT = "Text me a code"

/** Email step: ask Link for a code and wait for the code step. */
async function requestCode(page: Page, email: string) {
  await page.getByLabel("Email").fill(email)
  await page.getByRole("button", { name: EMAIL_SUBMIT }).click()
  await expect(
    page.getByRole("heading", { name: "Enter your code" })
  ).toBeVisible()
}

/** Every @auth/core version npm installed, with where it is. */
function installedAuthCore(): { path: string; version: string }[] {
  const found: { path: string; version: string }[] = []
  const tree = JSON.parse(
    execFileSync("npm", ["ls", "@auth/core", "--all", "--json", "--long"], {
      cwd: appDir,
      encoding: "utf8",
    })
  ) as NpmNode
  const walk = (node: NpmNode) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      if (
        name === "@auth/core" &&
        child.path &&
        !found.some((f) => f.path === child.path)
      )
        found.push({ path: child.path, version: child.version ?? "?" })
      walk(child)
    }
  }
  walk(tree)
  return found
}
type NpmNode = {
  version?: string
  path?: string
  dependencies?: Record<string, NpmNode>
}

async function expectSignedIn(
  page: Page,
  who: { name: string; email: string }
) {
  await expect(page).toHaveURL(/\/protected$/)
  const main = page.getByRole("main")
  await expect(main.getByRole("heading", { name: "Protected" })).toBeVisible()
  await expect(main).toContainText(who.name)
  await expect(main).toContainText(who.email)
  await expect(page.getByRole("banner")).toContainText(who.email)
}

async function signOut(page: Page) {
  await page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out" })
    .click()
  await expect(page.getByText("You are not signed in.")).toBeVisible()
}

test("npm installed two copies of @auth/core: the adapter's and next-auth's own", () => {
  const copies = installedAuthCore()
  console.log(
    `@auth/core copies: ${copies.map((c) => `${c.version} at ${c.path.slice(appDir.length + 1)}`).join(", ")}`
  )
  expect(new Set(copies.map((c) => c.version)).size).toBe(2)
  const top = copies.find((c) => c.path.endsWith("app/node_modules/@auth/core"))
  const nextAuths = copies.find((c) =>
    c.path.endsWith("node_modules/next-auth/node_modules/@auth/core")
  )
  expect(top, "a top-level @auth/core (the adapter's)").toBeDefined()
  expect(nextAuths, "next-auth's own nested @auth/core").toBeDefined()
  expect(top!.version).not.toBe(nextAuths!.version)
})

test("the app's GitHub sign-in still works, then signs out", async ({
  page,
}) => {
  await page.goto("/protected")
  const signInPage = withLink ? LOGIN_FROM_PROTECTED : /\/api\/auth\/signin/
  await expect(page).toHaveURL(signInPage)
  await page.getByRole("button", { name: /GitHub/ }).click()
  await expect(
    page.getByRole("heading", { name: "Authorize application" })
  ).toBeVisible()
  await page.getByRole("button", { name: "Authorize" }).click()
  await expectSignedIn(page, github)
  await signOut(page)
  await page.goto("/protected")
  await expect(page).toHaveURL(signInPage)
})

test.describe("Login with Link, added with the README's lines", () => {
  test.skip(!withLink, "the app as it is, before Login with Link")

  test("with JavaScript: beside GitHub on the login page, a wrong code keeps the code step, the right one signs in", async ({
    page,
    link,
    person,
  }) => {
    await page.goto("/protected")
    await expect(page).toHaveURL(LOGIN_FROM_PROTECTED)
    await expect(page.getByRole("button", { name: /GitHub/ })).toBeVisible()
    await requestCode(page, person.email)
    const code = await link.code(person.email)
    await codeInput(page).fill(wrongCode(code))
    await expect(page.getByText("That code is not right.")).toBeVisible()
    await expect(codeInput(page)).toBeVisible()
    await codeInput(page).fill(code)
    await expectSignedIn(page, { name: person.fullName, email: person.email })
    await signOut(page)
  })

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false })

    test("every step posts the form, and the right code signs in", async ({
      page,
      link,
      person,
    }) => {
      await page.goto("/protected")
      await expect(page).toHaveURL(LOGIN_FROM_PROTECTED)
      await expect(page.getByRole("button", { name: /GitHub/ })).toBeVisible()
      await requestCode(page, person.email)
      const code = await link.code(person.email)
      await codeInput(page).fill(wrongCode(code))
      await page
        .getByRole("main")
        .getByRole("button", { name: "Sign in" })
        .click()
      await expect(page.getByText("That code is not right.")).toBeVisible()
      await codeInput(page).fill(code)
      await page
        .getByRole("main")
        .getByRole("button", { name: "Sign in" })
        .click()
      await expectSignedIn(page, { name: person.fullName, email: person.email })
      await signOut(page)
    })
  })

  for (const js of [true, false])
    test.describe(`Continue with Link (Link's own page, OAuth), JavaScript ${js ? "on" : "off"}`, () => {
      test.use({ javaScriptEnabled: js })

      test("signs in on the simulator's Link page and comes back to /protected", async ({
        page,
        link,
        person,
      }) => {
        await page.goto("/protected")
        await expect(page).toHaveURL(LOGIN_FROM_PROTECTED)
        await test.step("the button above the code steps goes to Link's page", async () => {
          await page.getByRole("button", { name: "Continue with Link" }).click()
          await signInOnLinkPage(page, link, person)
        })
        await test.step("back in the app, signed in as the person on Link", () =>
          expectSignedIn(page, { name: person.fullName, email: person.email }))
        await signOut(page)
      })
    })

  test("an email not on Link is invited to sign up", async ({ page }) => {
    const newcomer = newPerson("newcomer")
    await page.goto("/login")
    await page.getByLabel("Email").fill(newcomer.email)
    await page.getByRole("button", { name: EMAIL_SUBMIT }).click()
    await expect(
      page.getByRole("heading", { name: "Sign up for Link to continue" })
    ).toBeVisible()
    await expect(
      page.getByRole("link", { name: "Sign up for Link" })
    ).toHaveAttribute("href", /\/signup/)
  })

  test("Link down: a plain message on the email step, not an error page", async ({
    page,
    link,
    person,
  }) => {
    await page.goto("/login")
    await link.addFault({ route: "*", kind: "status", status: 503, count: 3 })
    try {
      await page.getByLabel("Email").fill(person.email)
      await page.getByRole("button", { name: EMAIL_SUBMIT }).click()
      await expect(
        page.getByText("Link is not answering right now.")
      ).toBeVisible()
      await expect(page.getByLabel("Email")).toHaveValue(person.email)
    } finally {
      await link.clearFaults()
    }
  })

  test("the server log holds no client secret or code Link issued during the run", async ({
    playwright,
  }) => {
    const sim = await playwright.request.newContext({
      baseURL: process.env.EXAMPLE_SIM_URL,
    })
    const issued = (await (await sim.get("/__control/issued")).json()) as {
      clientSecrets: string[]
      codes: string[]
    }
    await sim.dispose()
    expect(issued.clientSecrets.length).toBeGreaterThan(0)
    expect(issued.codes.length).toBeGreaterThan(0)
    const log = readFileSync(process.env.EXAMPLE_APP_LOG!, "utf8")
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    for (const secret of [...issued.clientSecrets, ...issued.codes])
      expect(log).not.toMatch(
        new RegExp(`(?<![A-Za-z0-9_-])${escape(secret)}(?![A-Za-z0-9_-])`)
      )
  })

  test("the server logged the two-copies warning once, naming overrides", () => {
    const log = readFileSync(process.env.EXAMPLE_APP_LOG!, "utf8")
    const warnings = log
      .split("\n")
      .filter((line) => /@auth\/core/.test(line) && /overrides/.test(line))
    console.log(`two-copies warning: ${warnings.join(" | ")}`)
    expect(warnings).toHaveLength(1)
  })
})
