/**
 * The journeys both Better Auth examples pass (better-auth-next-app.spec.ts,
 * better-auth-vite-app.spec.ts): the app's own email and password, Login with Link from the account
 * page (a wrong code, the right one, sign-out) with JavaScript on and, where the app works without
 * it, off; a resend after the wait; the sign-up invite. A spec calls {@link betterAuthJourneys}
 * once, at its top level.
 */
import {
  codeInput,
  expect,
  newPerson,
  test,
  wrongCode,
} from "../../e2e/fixtures"
import {
  enterCode,
  expectAccount,
  passwordSection,
  requestLinkCode,
  signOutFromAccount,
  signUpWithPassword,
} from "./better-auth-helpers"

/** What differs between the examples' journeys. */
export interface BetterAuthJourneys {
  /** JavaScript on (`true`) and/or off (`false`): Login with Link runs once for each. */
  javaScript: readonly boolean[]
}

/** Declares the journeys (Playwright tests) in the calling spec file. */
export function betterAuthJourneys({ javaScript }: BetterAuthJourneys) {
  test("email and password: create an account, sign out, a wrong password is refused, the right one signs in", async ({
    page,
  }) => {
    const who = await test.step("create an account", () =>
      signUpWithPassword(page))
    await test.step("sign out", () => signOutFromAccount(page))
    const form = passwordSection(page)
    await test.step("a wrong password", async () => {
      await form.getByLabel("Email address").fill(who.email)
      await form.getByLabel("Password").fill("not the password")
      await form.getByRole("button", { name: "Sign in with password" }).click()
      await expect(form.getByRole("alert")).toHaveText(
        "Wrong email or password."
      )
    })
    await test.step("the right one, back to the account page", async () => {
      await form.getByLabel("Password").fill(who.password)
      await form.getByRole("button", { name: "Sign in with password" }).click()
      await expectAccount(page, { name: who.fullName, email: who.email })
    })
  })

  for (const js of javaScript)
    test.describe(`Login with Link, JavaScript ${js ? "on" : "off"}`, () => {
      test.use({ javaScriptEnabled: js })

      test("from the account page: a wrong code keeps the code step, the right one signs in", async ({
        page,
        link,
        person,
      }) => {
        await test.step("the account page sends a signed-out person to /login", async () => {
          await page.goto("/account")
          await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
          await expect(passwordSection(page)).toBeVisible()
        })
        await test.step("email step", () => requestLinkCode(page, person.email))
        const code = await link.code(person.email)
        await test.step("a wrong code", async () => {
          await enterCode(page, wrongCode(code), js)
          await expect(page.getByText("That code is not right.")).toBeVisible()
          await expect(codeInput(page)).toBeVisible()
        })
        await test.step("the right code: signed in, on the account page", async () => {
          await enterCode(page, code, js)
          await expectAccount(page, {
            name: person.fullName,
            email: person.email,
          })
        })
        await test.step("sign out", () => signOutFromAccount(page))
      })
    })

  test("'Send a new code' after the wait: the old code no longer works, the new one signs in", async ({
    page,
    link,
    person,
  }) => {
    await page.goto("/login?callbackUrl=%2Faccount")
    await requestLinkCode(page, person.email)
    const first = await link.code(person.email)
    const resend = page.getByRole("button", { name: "Send a new code" })
    await test.step("the resend waits out its cooldown", async () => {
      await expect(resend).toBeDisabled()
      // The 30-second wait runs on the server's real clock.
      await expect(resend).toBeEnabled({ timeout: 45_000 })
    })
    await resend.click()
    await expect(page.getByText(/^We texted a new code to/)).toBeVisible()
    const second = await link.code(person.email, 2)
    expect(second).not.toBe(first)
    await test.step("the first code is spent", async () => {
      await enterCode(page, first, true)
      await expect(page.getByText("That code is not right.")).toBeVisible()
    })
    await test.step("the new one signs in", async () => {
      await enterCode(page, second, true)
      await expectAccount(page, { email: person.email })
    })
  })

  test("an email not on Link is invited to sign up for Link", async ({
    page,
  }) => {
    const newcomer = newPerson("newcomer")
    await page.goto("/login")
    await page.getByLabel("Email", { exact: true }).fill(newcomer.email)
    await page.getByRole("button", { name: "Continue with Link" }).click()
    await expect(
      page.getByRole("heading", { name: "Sign up for Link to continue" })
    ).toBeVisible()
    await expect(
      page.getByRole("link", { name: "Sign up for Link" })
    ).toHaveAttribute("href", /\/signup/)
  })
}
