import { afterEach, beforeEach, describe, expect, it } from "vitest"
import {
  clientIpFromForwardedFor,
  DEFAULT_RATE_LIMITS,
  MemoryRateLimiter,
} from "@login-with-link/core"
import { resolveOptions, type LoginWithLinkOptions } from "../src/options.js"
import { LoginWithLink } from "../src/provider.js"
import { TEST_KEY, TEST_SECRET } from "@login-with-link/test-helpers/link"

const VARS = [
  "AUTH_LINK_KEY",
  "AUTH_LINK_API_URL",
  "AUTH_SECRET",
  "AUTH_SECRET_1",
  "AUTH_SECRET_2",
  "AUTH_SECRET_3",
]
let saved: Record<string, string | undefined>

beforeEach(() => {
  saved = Object.fromEntries(VARS.map((name) => [name, process.env[name]]))
  for (const name of VARS) delete process.env[name]
})
afterEach(() => {
  for (const name of VARS) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})

const base: LoginWithLinkOptions = {
  publishableKey: TEST_KEY,
  secret: TEST_SECRET,
}

function typeError(options: unknown): string {
  try {
    resolveOptions(options as LoginWithLinkOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return (error as TypeError).message
  }
  throw new Error("expected a TypeError")
}

describe("defaults", () => {
  it("fills every default", () => {
    const resolved = resolveOptions(base)
    expect(resolved).toMatchObject({
      publishableKey: TEST_KEY,
      apiUrl: "https://loginwithlink.com/api",
      secrets: [TEST_SECRET],
      unknownEmail: "invite",
      signupUrl: "https://loginwithlink.com/signup",
      timeout: 10_000,
      challengeMaxAge: 600,
      resendCooldown: 30,
      clientIp: undefined,
      ipv6Subnet: 64,
      id: "link",
      name: "Link",
      rateLimits: DEFAULT_RATE_LIMITS,
    })
    expect(resolved.rateLimit).toBeInstanceOf(MemoryRateLimiter)
  })

  it("reads AUTH_LINK_KEY, AUTH_LINK_API_URL and AUTH_SECRET", () => {
    process.env.AUTH_LINK_KEY = "pk_live_fromenv"
    process.env.AUTH_LINK_API_URL = "http://127.0.0.1:4010/api/"
    process.env.AUTH_SECRET = "env-secret-0123456789-abcdef"
    process.env.AUTH_SECRET_1 = "older-secret-0123456789-abcdef"
    const resolved = resolveOptions({})
    expect(resolved.publishableKey).toBe("pk_live_fromenv")
    expect(resolved.apiUrl).toBe("http://127.0.0.1:4010/api")
    expect(resolved.signupUrl).toBe("http://127.0.0.1:4010/signup")
    // Auth.js's order: AUTH_SECRET_1..3 before AUTH_SECRET.
    expect(resolved.secrets).toEqual([
      "older-secret-0123456789-abcdef",
      "env-secret-0123456789-abcdef",
    ])
  })

  it("prefers options over the environment", () => {
    process.env.AUTH_LINK_KEY = "pk_live_fromenv"
    expect(resolveOptions(base).publishableKey).toBe(TEST_KEY)
  })

  it("returns an Auth.js credentials provider with id link", () => {
    const provider = LoginWithLink(base)
    expect(provider).toMatchObject({
      type: "credentials",
      id: "link",
      name: "Link",
    })
    expect(
      Object.keys(
        (provider as unknown as { options: unknown }).options as object
      )
    ).toEqual(["id", "name", "credentials", "authorize"])
    expect(
      Object.keys(
        (
          (provider as unknown as { options: unknown }).options as {
            credentials: object
          }
        ).credentials
      )
    ).toEqual(["email", "code", "challenge", "resend"])
  })
})

describe("each option is checked once, at the call, naming the option", () => {
  it.each([
    [
      "publishableKey",
      { ...base, publishableKey: undefined },
      /publishableKey.*AUTH_LINK_KEY/,
    ],
    [
      "publishableKey",
      { ...base, publishableKey: "sk_live_oops" },
      /publishableKey/,
    ],
    ["publishableKey", { ...base, publishableKey: 42 }, /publishableKey/],
    ["apiUrl", { ...base, apiUrl: "not a url" }, /apiUrl/],
    [
      "apiUrl",
      { ...base, apiUrl: "http://link.example.com/api" },
      /apiUrl.*https/,
    ],
    ["apiUrl", { ...base, apiUrl: "https://link.test/api?x=1" }, /apiUrl/],
    ["apiUrl", { ...base, apiUrl: "https://user:pw@link.test/api" }, /apiUrl/],
    ["secret", { ...base, secret: undefined }, /secret.*AUTH_SECRET/],
    ["secret", { ...base, secret: "short" }, /secret/],
    ["secret", { ...base, secret: [] }, /secret/],
    ["secret", { ...base, secret: [TEST_SECRET, 7] }, /secret/],
    ["unknownEmail", { ...base, unknownEmail: "reveal" }, /unknownEmail/],
    ["signupUrl", { ...base, signupUrl: "javascript:alert(1)" }, /signupUrl/],
    ["fetch", { ...base, fetch: "fetch" }, /fetch/],
    ["timeout", { ...base, timeout: 0 }, /timeout/],
    ["timeout", { ...base, timeout: Number.NaN }, /timeout/],
    ["challengeMaxAge", { ...base, challengeMaxAge: 10 }, /challengeMaxAge/],
    [
      "challengeMaxAge",
      { ...base, challengeMaxAge: 86_400 },
      /challengeMaxAge/,
    ],
    ["resendCooldown", { ...base, resendCooldown: -1 }, /resendCooldown/],
    ["rateLimit", { ...base, rateLimit: true }, /rateLimit/],
    ["rateLimit", { ...base, rateLimit: {} }, /rateLimit/],
    [
      "rateLimits",
      { ...base, rateLimits: { sendPerEmail: { points: 0, windowMs: 1000 } } },
      /rateLimits\.sendPerEmail\.points/,
    ],
    [
      "rateLimits",
      { ...base, rateLimits: { nope: { points: 1, windowMs: 1000 } } },
      /rateLimits\.nope/,
    ],
    [
      "trustProxyHeaders",
      { ...base, trustProxyHeaders: true },
      /"trustProxyHeaders" was removed.*clientIpFromForwardedFor\(\{ hops: 1 \}\).*clientIpFromHeader\("x-real-ip"\)/,
    ],
    [
      "trustProxyHeaders",
      { ...base, trustProxyHeaders: "yes" },
      /trustProxyHeaders/,
    ],
    ["clientIp", { ...base, clientIp: "x-real-ip" }, /"clientIp".*function/],
    ["ipv6Subnet", { ...base, ipv6Subnet: 0 }, /ipv6Subnet/],
    ["ipv6Subnet", { ...base, ipv6Subnet: 129 }, /ipv6Subnet/],
    ["ipv6Subnet", { ...base, ipv6Subnet: 56.5 }, /ipv6Subnet/],
    ["id", { ...base, id: "" }, /"id"/],
    ["id", { ...base, id: "has space" }, /"id"/],
    ["name", { ...base, name: "" }, /"name"/],
  ])("%s", (_name, options, message) => {
    expect(typeError(options)).toMatch(message)
    expect(() => LoginWithLink(options as LoginWithLinkOptions)).toThrow(
      TypeError
    )
  })

  it("refuses options that are not an object", () => {
    expect(typeError(null)).toMatch(/options/)
  })

  it("accepts http only for localhost", () => {
    for (const apiUrl of [
      "http://localhost:4010/api",
      "http://127.0.0.1:1/api",
      "http://[::1]:9/api",
      "http://sim.localhost/api",
    ]) {
      expect(resolveOptions({ ...base, apiUrl }).apiUrl).toBe(apiUrl)
    }
  })

  it("accepts overrides of single limits and keeps the other defaults", () => {
    const resolved = resolveOptions({
      ...base,
      rateLimits: { attemptPerEmail: { points: 3, windowMs: 60_000 } },
    })
    expect(resolved.rateLimits.attemptPerEmail).toEqual({
      points: 3,
      windowMs: 60_000,
    })
    expect(resolved.rateLimits.sendPerEmail).toEqual(
      DEFAULT_RATE_LIMITS.sendPerEmail
    )
  })

  it("takes rateLimit: false and a custom limiter", () => {
    expect(resolveOptions({ ...base, rateLimit: false }).rateLimit).toBe(false)
    const limiter = { consume: async () => ({ allowed: true as const }) }
    expect(resolveOptions({ ...base, rateLimit: limiter }).rateLimit).toBe(
      limiter
    )
  })

  it("takes a clientIp function and an IPv6 prefix length; trustProxyHeaders: false changes nothing", () => {
    const clientIp = clientIpFromForwardedFor({ hops: 1 })
    const resolved = resolveOptions({ ...base, clientIp, ipv6Subnet: 48 })
    expect(resolved.clientIp).toBe(clientIp)
    expect(resolved.ipv6Subnet).toBe(48)
    expect(
      resolveOptions({ ...base, trustProxyHeaders: false }).clientIp
    ).toBeUndefined()
  })
})
