/** Options for a shop under test: an in-memory PGlite, a fixed secret, one client address. */
import type { StartShopOptions } from "../src/index.js"

export const SHOP_ORIGIN = "http://shop.test"
export const SECRET = "better-auth-shop-test-secret-0123456789"

export function shopOptions(
  overrides: Partial<StartShopOptions> = {}
): StartShopOptions {
  return {
    mode: "link",
    baseUrl: SHOP_ORIGIN,
    secret: SECRET,
    databaseUrl: undefined,
    pgliteDir: "memory://",
    redisUrl: undefined,
    clientIpHeader: "x-test-client-ip",
    link: { publishableKey: "pk_test_shop", apiUrl: "http://127.0.0.1:1/api" },
    oauth: { clientId: "shop_dev", clientSecret: "shop_dev_secret" },
    oidc: {
      issuer: "http://127.0.0.1:1",
      clientId: "better-auth-shop",
      clientSecret: "better-auth-shop-test-client-secret",
    },
    devOutboxUrl: undefined,
    ...overrides,
  }
}
