/**
 * The core's options: checked once, with a TypeError naming the option; defaults and the
 * environment filled in; nothing Auth.js-specific. The provider's suite checks every option through
 * LoginWithLink(), which adds its id and name to these.
 */
import { afterEach, describe, expect, it } from "vitest"
import { createLinkSignIn } from "../src/sign-in.js"
import { DEFAULT_RATE_LIMITS } from "../src/rate-limit.js"
import { isResolvedOptions, resolveOptions } from "../src/options.js"
import { TEST_KEY, TEST_SECRET } from "@login-with-link/test-helpers/link"

const base = { publishableKey: TEST_KEY, secret: TEST_SECRET }

afterEach(() => {
  delete process.env.AUTH_LINK_KEY
  delete process.env.AUTH_SECRET
})

describe("resolveOptions", () => {
  it("fills in the defaults, and knows nothing of an Auth.js provider id or name", () => {
    const resolved = resolveOptions(base)
    expect(resolved).toMatchObject({
      publishableKey: TEST_KEY,
      apiUrl: "https://loginwithlink.com/api",
      secrets: [TEST_SECRET],
      unknownEmail: "invite",
      timeout: 10_000,
      challengeMaxAge: 600,
      resendCooldown: 30,
      rateLimits: DEFAULT_RATE_LIMITS,
      ipv6Subnet: 64,
    })
    expect(resolved).not.toHaveProperty("id")
    expect(resolved).not.toHaveProperty("name")
  })

  it("reads AUTH_LINK_KEY and AUTH_SECRET when not given", () => {
    process.env.AUTH_LINK_KEY = "pk_test_fromenv"
    process.env.AUTH_SECRET = "env-secret-0123456789-abcdef"
    expect(resolveOptions({})).toMatchObject({
      publishableKey: "pk_test_fromenv",
      secrets: ["env-secret-0123456789-abcdef"],
    })
  })

  it.each([
    [{ ...base, publishableKey: "sk_live_x" }, /publishableKey/],
    [{ ...base, secret: "short" }, /secret/],
    [{ ...base, apiUrl: "http://link.example/api" }, /apiUrl/],
    [{ ...base, timeout: 0 }, /timeout/],
    [
      { ...base, rateLimits: { nope: { points: 1, windowMs: 1000 } } },
      /rateLimits\.nope/,
    ],
    [{ ...base, clientIp: "x-real-ip" }, /clientIp/],
  ])("refuses %o with a TypeError naming the option", (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(TypeError)
    expect(() => resolveOptions(options as never)).toThrow(message)
  })

  it("createLinkSignIn takes checked options as they are (recognised by identity, not shape)", () => {
    const resolved = resolveOptions(base)
    expect(isResolvedOptions(resolved)).toBe(true)
    expect(isResolvedOptions({ ...resolved })).toBe(false)
    expect(createLinkSignIn(resolved).options).toBe(resolved)
  })
})
