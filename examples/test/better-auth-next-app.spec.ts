/**
 * examples/better-auth-next-app, installed from packed tarballs and built (examples/test/run.mjs):
 * Next.js 16 + Better Auth on PGlite, where the app's own email-and-password sign-in and Login with
 * Link (the @login-with-link/better-auth README's Next.js block) share the login page. Link signs
 * people in with JavaScript on and off.
 */
import { expect, test } from "../../e2e/fixtures"
import { betterAuthJourneys } from "./better-auth-journeys"
import { pageWeight } from "./page-weight"

betterAuthJourneys({ javaScript: [true, false] })

test("weight: the login page's JavaScript is at most 1.10 times the home page's (bench figure 4's count)", async ({
  baseURL,
}) => {
  const home = await pageWeight(baseURL!, "/")
  const login = await pageWeight(baseURL!, "/login")
  const ratio = login.jsWire / home.jsWire
  console.log(
    `JavaScript on the wire: / ${home.jsWire} B in ${home.scripts.length} scripts, /login ${login.jsWire} B in ${login.scripts.length} scripts: ${ratio.toFixed(3)}×`
  )
  expect(ratio).toBeLessThanOrEqual(1.1)
})
