import { describe, expect, test } from "vitest"
import { accountPanel } from "../src/account-panel.js"
import { hero, productGrid } from "../src/shop-home.js"
import { shopLayout, type Shop } from "../src/shop-layout.js"

const shop: Shop = {
  name: ["Test", "Shop"],
  theme: {
    accent: "#123456",
    heroFrom: "#fff",
    heroTo: "#eee",
    heroLine: "#ddd",
    focus: "#abcdef",
  },
}
const text = (page: string) =>
  page.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")

describe("shopLayout", () => {
  test("a signed-in page names the person, links the account and signs out with a POST", async () => {
    const page = String(
      await shopLayout({
        shop,
        title: "Home",
        signedInAs: "<Jo>",
        body: hero({
          title: "Hi",
          lede: "Lede",
          action: { href: "/account", label: "Your account" },
        }),
      })
    )
    expect(page).toContain("<title>Home · Test Shop</title>")
    expect(page).toContain('<a class="logo" href="/">Test<span>Shop</span></a>')
    expect(page).toContain('<a href="/account">&lt;Jo&gt;</a>')
    expect(page).toMatch(/<form method="post" action="\/logout">/)
    expect(page).toContain("--accent:#123456;")
    expect(page).toContain("--focus:#abcdef;")
    expect(page).not.toContain("<script")
  })

  test("a signed-out page offers sign-in", async () => {
    const page = String(
      await shopLayout({ shop, title: "Home", body: productGrid([]) })
    )
    expect(page).toContain('<a class="button" href="/login">Sign in</a>')
    expect(page).not.toContain('action="/logout"')
  })
})

describe("productGrid", () => {
  test("one card per product, escaped, with the blurb only when there is one", async () => {
    const grid = String(
      await productGrid([
        { name: "Jam & Co", price: "$9", ink: "#000", bg: "#fff" },
        { name: "Tea", price: "$3", blurb: "Loose", ink: "#000", bg: "#fff" },
      ])
    )
    expect(grid.match(/<article class="card">/g)).toHaveLength(2)
    expect(grid).toContain("<h3>Jam &amp; Co</h3>")
    expect(text(grid)).toContain("Tea Loose $3")
    expect(text(grid)).toContain("Jam &amp; Co $9")
  })
})

describe("accountPanel", () => {
  const now = new Date("2026-12-06T10:00:00Z")
  const expiresAt = new Date("2026-12-13T10:00:00Z")

  test("says who is signed in and for how long in words, with the instant in a <time> element", async () => {
    const panel = String(
      await accountPanel({
        name: "Jo Doe",
        email: "jo@example.com",
        expiresAt,
        now,
      })
    )
    expect(text(panel)).toContain(
      "Name Jo Doe Email jo@example.com Signed in for 7 more days , on this browser"
    )
    expect(panel).toContain('<time datetime="2026-12-13T10:00:00.000Z"')
    expect(panel).not.toContain("GMT")
    expect(panel).toContain('<form method="post" action="/logout">')
  })

  test("without a name it says Link did not share one", async () => {
    for (const name of [undefined, ""])
      expect(
        text(
          String(
            await accountPanel({
              name,
              email: "jo@example.com",
              expiresAt,
              now,
            })
          )
        )
      ).toContain("Name (not shared by Link)")
  })
})
