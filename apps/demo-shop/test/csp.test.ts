import { describe, expect, test } from "vitest"
import { contentSecurityPolicy, createNonce } from "../app/lib/csp"

describe("contentSecurityPolicy", () => {
  test("production allows only this origin's and nonced scripts and styles", () => {
    const csp = contentSecurityPolicy("abc", false)
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'")
    expect(csp).toContain("style-src 'self' 'nonce-abc'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("form-action 'self'")
    expect(csp).not.toContain("unsafe-inline")
    expect(csp).not.toContain("unsafe-eval")
  })

  test("development adds what React's dev build needs", () => {
    expect(contentSecurityPolicy("abc", true)).toContain("'unsafe-eval'")
  })
})

describe("createNonce", () => {
  test("is 16 random bytes, base64, different each time", () => {
    const a = createNonce()
    expect(atob(a)).toHaveLength(16)
    expect(createNonce()).not.toBe(a)
  })
})
