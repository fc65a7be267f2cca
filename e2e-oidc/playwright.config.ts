/**
 * Browser journeys through the hosted Login with Link page (OIDC), for two shops that sign people
 * in there: the Corner Store (Hono + openid-client; project "hono-shop") and the demo shop in OIDC
 * mode (Next.js + next-auth with LoginWithLinkOIDC; project "demo-shop", specs demo-*.spec.ts);
 * and the Corner Store in OAuth mode, through Link's own OAuth page as the simulator serves it
 * (project "hono-shop-oauth", specs oauth-*.spec.ts).
 * The webServers start the simulator, the hosted page and the Corner Store
 * (apps/hono-shop/scripts/dev-stack.mjs), then a production build of the demo shop with
 * AUTH_LINK_MODE=oidc in apps/demo-shop/.next-oidc (so e2e/'s .next build is left alone), all on
 * free ports.
 *
 * Run: pnpm exec playwright test -c e2e-oidc/playwright.config.ts
 */
import { join } from "node:path"
import { defineConfig, devices } from "@playwright/test"
import { freePortsSync } from "@login-with-link/test-helpers"
import { baseConfig, ROOT } from "../e2e/playwright-base"

// Free ports, chosen once in the runner process; workers inherit them through the environment.
process.env.E2E_OIDC_PORTS ??= freePortsSync(5).join(",")
const [linkPort, hostedPort, shopPort, demoPort, oauthShopPort] =
  process.env.E2E_OIDC_PORTS.split(",")

export const urls = {
  link: `http://127.0.0.1:${linkPort}`,
  hosted: `http://localhost:${hostedPort}`,
  shop: `http://localhost:${shopPort}`,
  /** The Corner Store in OAuth mode: Link's own OAuth page, as the simulator serves it. */
  oauthShop: `http://localhost:${oauthShopPort}`,
  // localhost, not 127.0.0.1: Next.js reports 127.0.0.1 as "localhost" to route handlers, so
  // Auth.js's callback would send another redirect_uri than the sign-in action did.
  demo: `http://localhost:${demoPort}`,
}
process.env.E2E_OIDC_LINK_URL = urls.link

export default defineConfig(baseConfig, {
  testDir: ".",
  testMatch: "*.spec.ts",
  // Spec files run side by side: each journey uses its own person (or browser context), and the
  // hosted page's rate limits are off.
  fullyParallel: false,
  workers: 2,
  outputDir: join(ROOT, "test-results", "e2e-oidc"),
  timeout: 30_000,
  use: { baseURL: urls.shop },
  projects: [
    {
      name: "hono-shop",
      testIgnore: /(demo|oauth)-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: urls.shop },
    },
    {
      name: "hono-shop-oauth",
      testMatch: /oauth-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: urls.oauthShop },
    },
    {
      name: "demo-shop",
      testMatch: /demo-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: urls.demo },
    },
  ],
  webServer: [
    {
      command:
        'pnpm --filter "@login-with-link/hono-shop..." build && node apps/hono-shop/scripts/dev-stack.mjs',
      cwd: ROOT,
      url: `${urls.shop}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        // The stack's development clients and generated keys (refused without it).
        HOSTED_LOGIN_DEV: "1",
        LINK_SIM_PORT: linkPort!,
        HOSTED_LOGIN_PORT: hostedPort!,
        HONO_SHOP_PORT: shopPort!,
        HONO_SHOP_OAUTH_PORT: oauthShopPort!,
        DEMO_SHOP_URL: urls.demo,
        STACK_EPHEMERAL: "1",
        LINK_SIM_QUIET: "1",
        LINK_SIM_MAX_SENDS_PER_HOUR: "1000",
        LINK_SIM_RESEND_COOLDOWN_MS: "0",
        HOSTED_LOGIN_RESEND_COOLDOWN: "0",
        HOSTED_LOGIN_RATE_LIMIT: "off",
      },
    },
    {
      // Reuses a fresh-enough .next-oidc locally; CI always builds.
      command: "node e2e/start-shop.mjs",
      cwd: ROOT,
      url: `${urls.demo}/`,
      timeout: 400_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: demoPort!,
        NEXT_DIST_DIR: ".next-oidc",
        AUTH_LINK_MODE: "oidc",
        AUTH_LINK_ISSUER: urls.hosted,
        // The demo shop's client at the hosted page (registered by dev-stack.mjs for DEMO_SHOP_URL).
        AUTH_LINK_OIDC_ID: "demo-shop",
        AUTH_LINK_OIDC_SECRET: "dev-only-demo-shop-secret-change-me",
        AUTH_SECRET: "e2e-oidc-only-secret-not-for-production-0123456789",
        // The shop's public URL: Auth.js builds the redirect URI from it.
        AUTH_URL: urls.demo,
        AUTH_TRUST_HOST: "true",
        LINK_DEV_OUTBOX_URL: `${urls.link}/__dev`,
        LINK_HOSTED_LOGIN_URL: urls.hosted,
        LINK_SECOND_SHOP_URL: urls.shop,
      },
    },
  ],
})
