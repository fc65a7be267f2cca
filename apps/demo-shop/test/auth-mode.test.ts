import { afterEach, describe, expect, test, vi } from "vitest"
import { authMode, oidcIssuer, signInOrigins } from "../app/lib/auth-mode"
import { contentSecurityPolicy } from "../app/lib/csp"
import { demoInfo } from "../app/lib/demo"

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("authMode (AUTH_LINK_MODE)", () => {
  test("credentials unless oidc is asked for", () => {
    vi.stubEnv("AUTH_LINK_MODE", "")
    expect(authMode()).toBe("credentials")
    vi.stubEnv("AUTH_LINK_MODE", "credentials")
    expect(authMode()).toBe("credentials")
    vi.stubEnv("AUTH_LINK_MODE", " OIDC ")
    expect(authMode()).toBe("oidc")
    vi.stubEnv("AUTH_LINK_MODE", "oauth")
    expect(authMode()).toBe("oauth")
    vi.stubEnv("AUTH_LINK_MODE", "Both")
    expect(authMode()).toBe("both")
  })

  test("OAuth modes let sign-in forms end on Link's page (login.link.com or AUTH_LINK_OAUTH_URL), no other mode does", () => {
    vi.stubEnv("AUTH_LINK_MODE", "credentials")
    expect(signInOrigins()).toEqual([])
    vi.stubEnv("AUTH_LINK_MODE", "oauth")
    expect(signInOrigins()).toEqual(["https://login.link.com"])
    vi.stubEnv("AUTH_LINK_OAUTH_URL", "http://127.0.0.1:4010/oauth")
    vi.stubEnv("AUTH_LINK_MODE", "both")
    expect(signInOrigins()).toEqual(["http://127.0.0.1:4010"])
  })

  test("an unknown mode stops the shop with a message naming the variable", () => {
    vi.stubEnv("AUTH_LINK_MODE", "saml")
    expect(() => authMode()).toThrow(
      /AUTH_LINK_MODE must be "credentials", "oidc", "oauth" or "both"/
    )
  })

  test("the issuer is known in OIDC mode only, without a trailing slash", () => {
    vi.stubEnv("AUTH_LINK_ISSUER", "http://localhost:3100/")
    vi.stubEnv("AUTH_LINK_MODE", "credentials")
    expect(oidcIssuer()).toBeUndefined()
    vi.stubEnv("AUTH_LINK_MODE", "oidc")
    expect(oidcIssuer()).toBe("http://localhost:3100")
    vi.stubEnv("AUTH_LINK_ISSUER", "not a url")
    expect(oidcIssuer()).toBeUndefined()
  })
})

describe("OIDC mode's form-action", () => {
  test("adds only the origins it is given", () => {
    expect(contentSecurityPolicy("n", false)).toContain("form-action 'self';")
    expect(
      contentSecurityPolicy("n", false, ["http://localhost:3100"])
    ).toContain("form-action 'self' http://localhost:3100;")
  })
})

describe("demoInfo: the home page's demo links", () => {
  test("hidden when nothing is configured", () => {
    vi.stubEnv("LINK_DEV_OUTBOX_URL", "")
    vi.stubEnv("LINK_HOSTED_LOGIN_URL", "")
    vi.stubEnv("LINK_SECOND_SHOP_URL", "")
    expect(demoInfo()).toBeUndefined()
  })

  test("the hosted page and the second shop, http(s) URLs only", () => {
    vi.stubEnv("LINK_DEV_OUTBOX_URL", "")
    vi.stubEnv("LINK_HOSTED_LOGIN_URL", "http://localhost:3100")
    vi.stubEnv("LINK_SECOND_SHOP_URL", "javascript:alert(1)")
    expect(demoInfo()).toEqual({ hostedLoginUrl: "http://localhost:3100" })
  })
})
