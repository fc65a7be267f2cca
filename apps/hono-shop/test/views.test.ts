/** The pages' words: the account page says who is signed in and for how long, in words. */
import { describe, expect, test } from "vitest"
import type { ShopSession } from "../src/session.js"
import { accountPage, errorPage, homePage } from "../src/views.js"

const now = new Date("2026-12-06T10:00:00Z")
const session: ShopSession = {
  sub: "a3f1c9e27b4d4e0f9a1b2c3d4e5f6071",
  email: "jo@example.com",
  emailVerified: false,
  name: "Jo Doe",
  exp: Date.parse("2026-12-13T10:00:00Z") / 1000,
}

const text = async (page: ReturnType<typeof homePage>) =>
  String(await page)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")

describe("the account page", () => {
  test("shows the name and email, not the raw sub", async () => {
    const page = String(await accountPage(session, now))
    expect(await text(accountPage(session, now))).toContain(
      "Name Jo Doe Email jo@example.com"
    )
    expect(page).not.toContain(session.sub)
    expect(page).not.toContain("Account id")
  })

  test("says how long the session lasts in words, with the instant in a <time> element", async () => {
    const page = String(await accountPage(session, now))
    expect(await text(accountPage(session, now))).toContain(
      "Signed in for 7 more days , on this browser"
    )
    expect(page).toContain('<time datetime="2026-12-13T10:00:00.000Z"')
    expect(page).not.toContain("GMT")
    expect(page).not.toContain("Signed in until")
  })

  test("a person whose name Link did not share is told so", async () => {
    const { name: _, ...nameless } = session
    expect(await text(accountPage(nameless, now))).toContain(
      "Name (not shared by Link)"
    )
  })
})

describe("the frame", () => {
  test("signed in, the bar names the person and signs out with a POST; signed out, it offers sign-in", async () => {
    const signedIn = String(await homePage(session))
    expect(signedIn).toContain("<title>Home · Corner Store</title>")
    expect(signedIn).toContain('<a href="/account">Jo Doe</a>')
    expect(signedIn).toContain('<form method="post" action="/logout">')
    expect(await text(homePage(session))).toContain("Welcome back, Jo Doe")

    const signedOut = String(await homePage(undefined))
    expect(signedOut).toContain('<a class="button" href="/login">Sign in</a>')
    expect(await text(homePage(undefined))).toContain("Small things, well made")
    expect(signedOut).not.toContain('action="/logout"')
  })

  test("an error page says what happened and offers a way forward", async () => {
    const page = await text(
      errorPage(undefined, "Sign-in expired", "Start again.")
    )
    expect(page).toContain("Sign-in expired Start again.")
    expect(page).toContain("Try signing in again Back to the shop")
  })
})
