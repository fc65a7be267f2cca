/**
 * The READMEs say, near the top, what the API behind Login with Link is: not an official Stripe
 * product, documented as liable to change; that the provider fails closed when it does; and that
 * this simulator is the contract everything is tested against.
 */
import { readFileSync } from "node:fs"
import { describe, expect, test } from "vitest"

const root = new URL("../../../", import.meta.url)

describe.each(["README.md", "packages/provider/README.md"])("%s", (file) => {
  // "Near the top": before the first second-level section.
  const top = readFileSync(new URL(file, root), "utf8").split("\n## ")[0]!
  // As read: without blockquote markers, emphasis or link targets.
  const text = top
    .replace(/\n>\s?/g, " ")
    .replace(/\*\*/g, "")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/\s+/g, " ")

  test("says loginwithlink.com is not an official Stripe product and may change", () => {
    expect(text).toMatch(
      /loginwithlink\.com.*not an official\s+Stripe product/i
    )
    expect(text).toMatch(/its own documentation warns that it may change/)
  })

  test("says what the provider does when it changes: fails closed as link_unavailable, logged once a minute", () => {
    expect(text).toMatch(/fails closed\W+as `link_unavailable`/)
    expect(text).toMatch(/logged at most once a minute/)
  })

  test("says the simulator is the contract", () => {
    expect(text).toMatch(
      /simulator \S+ is our contract|Our contract is the simulator/i
    )
  })
})
