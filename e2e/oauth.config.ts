/**
 * The demo shop's journeys through Link's own OAuth page (login.link.com, served by the simulator):
 * a production build of the shop with AUTH_LINK_MODE=both (Link's page above the in-page code) in
 * apps/demo-shop/.next-oauth, so e2e/'s .next build is left alone. Specs: e2e/oauth-*.spec.ts
 * (the default config skips them).
 *
 * Run: pnpm test:oauth (pnpm exec playwright test -c e2e/oauth.config.ts)
 */
import { join } from "node:path"
import { defineConfig } from "@playwright/test"
import { freePortsSync } from "@login-with-link/test-helpers"
import { baseConfig, ROOT, simulatorServer } from "./playwright-base"

if (!process.env.E2E_OAUTH_PORTS) {
  process.env.E2E_OAUTH_PORTS = freePortsSync(2).join(",")
}
const [simPort, shopPort] = process.env.E2E_OAUTH_PORTS.split(",")
const simUrl = `http://127.0.0.1:${simPort}`
// localhost, not 127.0.0.1: Next.js reports 127.0.0.1 as "localhost" to route handlers, so
// Auth.js's callback would send another redirect_uri than the sign-in action did.
const shopUrl = `http://localhost:${shopPort}`
process.env.E2E_SIM_URL = simUrl

export default defineConfig(baseConfig, {
  testDir: ".",
  testMatch: /oauth-.*\.spec\.ts/,
  timeout: 60_000,
  fullyParallel: true,
  workers: 2,
  outputDir: join(ROOT, "test-results", "e2e-oauth"),
  use: { baseURL: shopUrl },
  webServer: [
    simulatorServer(simPort!),
    {
      // Reuses a fresh-enough .next-oauth locally; CI always builds.
      command: "node e2e/start-shop.mjs",
      cwd: ROOT,
      url: `${shopUrl}/`,
      env: {
        PORT: shopPort!,
        NEXT_DIST_DIR: ".next-oauth",
        AUTH_LINK_MODE: "both",
        AUTH_LINK_API_URL: `${simUrl}/api`,
        AUTH_LINK_OAUTH_URL: `${simUrl}/oauth`,
        AUTH_LINK_OAUTH_API_URL: `${simUrl}/oauth`,
        // The simulator's development client (any localhost port's /api/auth/callback/link-oauth).
        AUTH_LINK_OAUTH_ID: "shop_dev",
        AUTH_LINK_OAUTH_SECRET: "shop_dev_secret",
        AUTH_LINK_KEY: "pk_test_sim",
        AUTH_SECRET: "e2e-oauth-only-secret-not-for-production-0123456789",
        AUTH_URL: shopUrl,
        AUTH_TRUST_HOST: "true",
        LINK_DEV_OUTBOX_URL: `${simUrl}/__dev`,
      },
      reuseExistingServer: false,
      timeout: 400_000,
      stdout: "pipe",
    },
  ],
})
