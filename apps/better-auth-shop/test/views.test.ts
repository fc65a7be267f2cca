/** The pages' words: the account page and the home page's demo notice. */
import { describe, expect, test } from "vitest"
import { accountPage, homePage, type ShopSession } from "../src/views.js"

const now = new Date("2026-12-06T10:00:00Z")
const session: ShopSession = {
  user: {
    id: "Xq3v9Jc0lZpR7uT2mWbE",
    email: "jo@example.com",
    name: "Jo Bloggs",
    emailVerified: false,
  },
  session: { expiresAt: "2026-12-13T10:00:00.000Z" },
}

const text = async (page: ReturnType<typeof homePage>) =>
  String(await page)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")

describe("the account page", () => {
  test("shows the name and email, not the raw user id", async () => {
    const page = String(await accountPage(session, now))
    expect(page).toContain("Jo Bloggs")
    expect(page).toContain("jo@example.com")
    expect(page).not.toContain(session.user.id)
    expect(page).not.toContain("Account id")
  })

  test("says how long the session lasts in words, with the instant in a <time> element", async () => {
    const page = String(await accountPage(session, now))
    expect(await text(accountPage(session, now))).toContain(
      "Signed in for 7 more days , on this browser"
    )
    expect(page).toContain('<time datetime="2026-12-13T10:00:00.000Z"')
    expect(page).not.toContain("GMT")
  })
})

describe("the home page", () => {
  test("on the simulator, names the demo account and links the SMS outbox", async () => {
    const page = String(
      await homePage(undefined, {
        how: "How.",
        outboxUrl: "http://127.0.0.1:4010/__dev",
      })
    )
    expect(page).toContain("<strong>jo@example.com</strong>")
    expect(page).toMatch(
      /<a href="http:\/\/127\.0\.0\.1:4010\/__dev" target="_blank" rel="noreferrer"\s*>simulator's SMS outbox/
    )
  })

  test("without the simulator (or once signed in) it says nothing of them", async () => {
    expect(String(await homePage(undefined, { how: "How." }))).not.toContain(
      "jo@example.com"
    )
    expect(
      String(
        await homePage(session, {
          how: "How.",
          outboxUrl: "http://127.0.0.1:4010/__dev",
        })
      )
    ).not.toContain("SMS outbox")
  })
})
