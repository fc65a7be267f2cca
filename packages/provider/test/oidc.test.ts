/**
 * `LoginWithLinkOIDC`: the Auth.js OIDC provider config. The full round trip through Auth.js and
 * a real hosted page is in apps/hosted-login/test/authjs.test.ts.
 */
import { Auth, type AuthConfig } from "@auth/core"
import { afterEach, describe, expect, it, vi } from "vitest"
import { LoginWithLinkOIDC } from "../src/oidc.js"

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("LoginWithLinkOIDC", () => {
  it("is an OIDC provider with id link-oidc that requires PKCE, state and nonce", () => {
    const provider = LoginWithLinkOIDC({
      issuer: "https://login.example.com",
      clientId: "shop",
      clientSecret: "secret",
    })
    expect(provider).toMatchObject({
      id: "link-oidc",
      type: "oidc",
      name: "Link",
      issuer: "https://login.example.com",
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
      client: { token_endpoint_auth_method: "client_secret_basic" },
      options: {
        issuer: "https://login.example.com",
        clientId: "shop",
        clientSecret: "secret",
      },
    })
  })

  it("reads the issuer from AUTH_LINK_ISSUER and the client from AUTH_LINK_OIDC_ID/_SECRET", () => {
    vi.stubEnv("AUTH_LINK_ISSUER", "http://localhost:3100")
    vi.stubEnv("AUTH_LINK_OIDC_ID", "demo-shop")
    vi.stubEnv("AUTH_LINK_OIDC_SECRET", "s3cret")
    expect(LoginWithLinkOIDC()).toMatchObject({
      issuer: "http://localhost:3100",
      clientId: "demo-shop",
      clientSecret: "s3cret",
    })
  })

  it("lets options win over the environment", () => {
    vi.stubEnv("AUTH_LINK_ISSUER", "http://localhost:3100")
    vi.stubEnv("AUTH_LINK_OIDC_ID", "from-env")
    const provider = LoginWithLinkOIDC({
      issuer: "https://login.example.com/",
      clientId: "mine",
    })
    expect(provider.issuer).toBe("https://login.example.com")
    // Auth.js merges `options` over the config, so the option's clientId is the one used.
    expect(provider.options).toMatchObject({ clientId: "mine" })
  })

  it("refuses an issuer that is not an https URL (http only for localhost), naming the fix", () => {
    expect(() => LoginWithLinkOIDC({ issuer: "login.example.com" })).toThrow(
      /issuer must be the hosted Login with Link URL.*AUTH_LINK_ISSUER/
    )
    expect(() =>
      LoginWithLinkOIDC({ issuer: "http://login.example.com" })
    ).toThrow(/https \(plain http only for localhost\)/)
    expect(() =>
      LoginWithLinkOIDC({ issuer: "https://login.example.com/?x=1" })
    ).toThrow(/query or fragment/)
  })

  it("maps the ID token to an Auth.js user keyed by the opaque sub", () => {
    const { profile } = LoginWithLinkOIDC({
      issuer: "https://login.example.com",
    })
    const claims = {
      sub: "K5hWK3BPvw3fhfcaOfSBWbRq7VQMv65icW6zwxAQeN4",
      email: "jo@example.com",
      email_verified: true,
      name: "Jo Doe",
      iss: "https://login.example.com",
      aud: "shop",
    }
    const tokens = {}
    expect(profile!(claims, tokens)).toEqual({
      id: claims.sub,
      email: "jo@example.com",
      name: "Jo Doe",
      image: null,
    })
    const { name: _name, ...nameless } = claims
    expect(profile!(nameless, tokens)).toMatchObject({ name: null })
  })

  it("is accepted by Auth.js: the sign-in page lists it", async () => {
    const config: AuthConfig = {
      providers: [
        LoginWithLinkOIDC({
          issuer: "https://login.example.com",
          clientId: "shop",
          clientSecret: "secret",
        }),
      ],
      secret: "a-test-secret-that-is-long-enough-0123",
      trustHost: true,
      basePath: "/auth",
    }
    const response = await Auth(
      new Request("http://shop.localhost/auth/providers"),
      config
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      "link-oidc": {
        id: "link-oidc",
        type: "oidc",
        signinUrl: "http://shop.localhost/auth/signin/link-oidc",
        callbackUrl: "http://shop.localhost/auth/callback/link-oidc",
      },
    })
  })
})
