/** The shop's configuration from the environment: both modes, and what production must set. */
import { describe, expect, test } from "vitest"
import { loadShopConfig } from "../src/index.js"

describe("loadShopConfig", () => {
  test("mode oidc by default, with the hosted page's development client", () => {
    expect(loadShopConfig({})).toMatchObject({
      mode: "oidc",
      port: 3200,
      issuer: "http://localhost:3100",
      clientId: "hono-shop",
    })
  })

  test("mode oauth in development: the simulator's client and OAuth URLs", () => {
    expect(loadShopConfig({ HONO_SHOP_MODE: "oauth" })).toMatchObject({
      mode: "oauth",
      oauth: {
        clientId: "shop_dev",
        clientSecret: "shop_dev_secret",
        publishableKey: "pk_test_sim",
        loginUrl: "http://127.0.0.1:4010/oauth",
        apiUrl: "http://127.0.0.1:4010/oauth",
      },
    })
  })

  test("mode oauth in production: Link's own URLs, and the client and key must be set", () => {
    const env = {
      NODE_ENV: "production",
      HONO_SHOP_MODE: "oauth",
      HONO_SHOP_SESSION_SECRET: "x".repeat(32),
    }
    expect(() => loadShopConfig(env)).toThrow(/AUTH_LINK_OAUTH_ID must be set/)
    const config = loadShopConfig({
      ...env,
      AUTH_LINK_OAUTH_ID: "client",
      AUTH_LINK_OAUTH_SECRET: "secret",
      AUTH_LINK_KEY: "pk_live_123",
    })
    expect(config).toMatchObject({ mode: "oauth" })
    if (config.mode !== "oauth") throw new Error("mode")
    // Unset URLs are the OAuth client's defaults: login.link.com and api.link.com.
    expect(config.oauth.loginUrl).toBeUndefined()
    expect(config.oauth.apiUrl).toBeUndefined()
  })

  test("errors name the variable", () => {
    expect(() => loadShopConfig({ HONO_SHOP_MODE: "saml" })).toThrow(
      /HONO_SHOP_MODE must be "oidc" or "oauth"/
    )
    expect(() =>
      loadShopConfig({ HONO_SHOP_MODE: "oauth", AUTH_LINK_OAUTH_URL: "nope" })
    ).toThrow(/AUTH_LINK_OAUTH_URL must be a URL/)
  })
})
