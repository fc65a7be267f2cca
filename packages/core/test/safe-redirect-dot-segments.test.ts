// Found by e2e/security-redirects.spec.ts: dot segments that collapse into a protocol-relative URL.
import { describe, expect, test } from "vitest"
import { safeCallbackUrl as check } from "../src/safe-redirect.js"

const safeCallbackUrl = (value: unknown) =>
  check(value, { fallback: "/account", exclude: ["/login"] })

describe("safeCallbackUrl and dot segments", () => {
  test.each([
    "/login/..//evil.example",
    "/a/..//evil.example/path",
    "/a/b/../..//evil.example",
    "/./..//evil.example",
    "/%2e%2e//evil.example",
    "/a/%2e%2e//evil.example",
  ])("refuses %s, which normalises to //evil.example", (input) => {
    expect(safeCallbackUrl(input)).toBe("/account")
  })

  test("still accepts dot segments that stay on a local path", () => {
    expect(safeCallbackUrl("/products/../cart")).toBe("/cart")
  })
})
