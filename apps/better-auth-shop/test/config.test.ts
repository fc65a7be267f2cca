/** The shop's configuration from the environment: defaults, production's demands, clear errors. */
import { describe, expect, test } from "vitest"
import { loadShopConfig } from "../src/index.js"

describe("loadShopConfig", () => {
  test("needs nothing in development: mode link, PGlite, the simulator, a random secret", () => {
    const config = loadShopConfig({})
    expect(config).toMatchObject({
      mode: "link",
      port: 3300,
      hostname: "127.0.0.1",
      baseUrl: "http://localhost:3300",
      databaseUrl: undefined,
      redisUrl: undefined,
      clientIpHeader: undefined,
      link: {
        publishableKey: "pk_test_shop",
        apiUrl: "http://127.0.0.1:4010/api",
      },
      oidc: { issuer: "http://localhost:3100", clientId: "better-auth-shop" },
    })
    expect(config.pgliteDir).toMatch(/apps\/better-auth-shop\/\.data\/pglite$/)
    expect(config.secret.length).toBeGreaterThanOrEqual(32)
    expect(loadShopConfig({}).secret).not.toBe(config.secret)
  })

  test("reads every variable", () => {
    const config = loadShopConfig({
      SHOP_AUTH_MODE: "oidc",
      PORT: "8080",
      HOSTNAME: "0.0.0.0",
      BETTER_AUTH_URL: "https://pantry.example/",
      BETTER_AUTH_SECRET: "s".repeat(40),
      DATABASE_URL: "postgres://u:p@db:5432/shop",
      REDIS_URL: "redis://cache:6379",
      SHOP_CLIENT_IP_HEADER: "CF-Connecting-IP",
      LINK_ISSUER: "https://login.example/",
      LINK_OIDC_CLIENT_ID: "pantry",
      LINK_OIDC_CLIENT_SECRET: "pantry-secret-0123456789",
      AUTH_LINK_RESEND_COOLDOWN: "0",
    })
    expect(config).toMatchObject({
      mode: "oidc",
      port: 8080,
      hostname: "0.0.0.0",
      baseUrl: "https://pantry.example",
      databaseUrl: "postgres://u:p@db:5432/shop",
      redisUrl: "redis://cache:6379",
      clientIpHeader: "cf-connecting-ip",
      oidc: {
        issuer: "https://login.example",
        clientId: "pantry",
        clientSecret: "pantry-secret-0123456789",
      },
      link: { resendCooldown: 0 },
    })
  })

  test("production needs its secrets set, for the mode in use", () => {
    const production = { NODE_ENV: "production" }
    expect(() => loadShopConfig(production)).toThrow(
      /BETTER_AUTH_SECRET must be set in production/
    )
    const secret = { ...production, BETTER_AUTH_SECRET: "s".repeat(40) }
    expect(() => loadShopConfig(secret)).toThrow(/AUTH_LINK_KEY must be set/)
    expect(() => loadShopConfig({ ...secret, SHOP_AUTH_MODE: "oidc" })).toThrow(
      /LINK_OIDC_CLIENT_ID must be set/
    )
    expect(
      loadShopConfig({
        ...secret,
        AUTH_LINK_KEY: "pk_live_x",
        AUTH_LINK_API_URL: "https://loginwithlink.com/api",
        LINK_DEV_OUTBOX_URL: "http://127.0.0.1:4010/__dev",
      }).devOutboxUrl
    ).toBeUndefined()
  })

  test("mode oauth: the simulator's client in development; in production the client must be set and the URLs are Link's", () => {
    expect(loadShopConfig({ SHOP_AUTH_MODE: "oauth" })).toMatchObject({
      mode: "oauth",
      link: { publishableKey: "pk_test_shop" },
      oauth: {
        clientId: "shop_dev",
        clientSecret: "shop_dev_secret",
        url: "http://127.0.0.1:4010/oauth",
        apiUrl: "http://127.0.0.1:4010/oauth",
      },
    })
    const production = {
      NODE_ENV: "production",
      SHOP_AUTH_MODE: "oauth",
      BETTER_AUTH_SECRET: "s".repeat(40),
      AUTH_LINK_KEY: "pk_live_x",
      AUTH_LINK_API_URL: "https://loginwithlink.com/api",
    }
    expect(() => loadShopConfig(production)).toThrow(
      /AUTH_LINK_OAUTH_ID must be set in production/
    )
    const config = loadShopConfig({
      ...production,
      AUTH_LINK_OAUTH_ID: "client",
      AUTH_LINK_OAUTH_SECRET: "secret",
    })
    expect(config.oauth).toEqual({
      clientId: "client",
      clientSecret: "secret",
      url: undefined,
      apiUrl: undefined,
    })
  })

  test.each([
    [{ SHOP_AUTH_MODE: "magic" }, /SHOP_AUTH_MODE/],
    [
      { SHOP_AUTH_MODE: "oauth", AUTH_LINK_OAUTH_URL: "login.link.com" },
      /AUTH_LINK_OAUTH_URL must be a URL/,
    ],
    [{ PORT: "http" }, /PORT must be a port number/],
    [{ BETTER_AUTH_URL: "pantry.example" }, /BETTER_AUTH_URL must be a URL/],
    [
      { BETTER_AUTH_URL: "ftp://pantry.example" },
      /BETTER_AUTH_URL must be an http/,
    ],
    [{ BETTER_AUTH_SECRET: "short" }, /at least 32 characters/],
    [{ DATABASE_URL: "mysql://db" }, /DATABASE_URL must be a postgres/],
    [{ REDIS_URL: "http://cache" }, /REDIS_URL must be a redis/],
    [{ SHOP_CLIENT_IP_HEADER: "x forwarded" }, /SHOP_CLIENT_IP_HEADER/],
    [{ AUTH_LINK_RESEND_COOLDOWN: "-1" }, /AUTH_LINK_RESEND_COOLDOWN/],
  ])("%o is refused, naming the variable", (env, message) => {
    expect(() => loadShopConfig(env)).toThrow(message)
  })
})
