import { describe, expect, test } from "vitest"
import { safeCallbackUrl as check } from "../src/safe-redirect.js"

const safeCallbackUrl = (value: unknown) =>
  check(value, { fallback: "/account", exclude: ["/login"] })

describe("safeCallbackUrl", () => {
  test.each([
    ["/checkout", "/checkout"],
    ["/account?tab=orders#top", "/account?tab=orders#top"],
    ["/products/stoneware-mug", "/products/stoneware-mug"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected)
  })

  test.each([
    "//evil.example/steal",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%2fevil.example",
    "/%5Cevil.example",
    "%252F%252Fevil.example",
    "/\tevil",
    "/\n/evil.example",
    "/%09/evil.example",
    "checkout",
    "",
    "/login",
    "/login?callbackUrl=/account",
  ])("refuses %j and falls back to /account", (input) => {
    expect(safeCallbackUrl(input)).toBe("/account")
  })

  test("refuses what is not a string", () => {
    expect(safeCallbackUrl(undefined)).toBe("/account")
    expect(safeCallbackUrl(["/checkout"])).toBe("/account")
  })

  test("refuses a malformed percent-encoding", () => {
    expect(safeCallbackUrl("/%E0%A4%A")).toBe("/account")
  })

  test("refuses very long values", () => {
    expect(safeCallbackUrl(`/${"a".repeat(3000)}`)).toBe("/account")
  })
})

describe("safeCallbackUrl defaults", () => {
  test("falls back to / and excludes nothing", () => {
    expect(check("//evil.example")).toBe("/")
    expect(check("/login")).toBe("/login")
  })

  test("the answer never holds a character that breaks a Location header", () => {
    for (const input of [
      "/%0a/evil.example",
      "/%0d%0aSet-Cookie:x=1",
      "/a\u0000b",
    ]) {
      expect(check(input)).toBe("/")
    }
  })
})
