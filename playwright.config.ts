/**
 * End-to-end journeys of the demo shop in Chromium, against a production build (`next build` +
 * `next start`) wired to a Link simulator. Both servers get free ports on 127.0.0.1, chosen once
 * here and handed to the workers through the environment.
 */
import { tmpdir } from "node:os"
import { join } from "node:path"
import { defineConfig } from "@playwright/test"
import { freePortsSync } from "@login-with-link/test-helpers"
import {
  baseConfig,
  loggedCommand,
  simulatorServer,
} from "./e2e/playwright-base"

if (!process.env.E2E_SIM_PORT || !process.env.E2E_SHOP_PORT) {
  const [sim, shop] = freePortsSync(2)
  process.env.E2E_SIM_PORT ??= String(sim)
  process.env.E2E_SHOP_PORT ??= String(shop)
}
const simPort = process.env.E2E_SIM_PORT
const shopPort = process.env.E2E_SHOP_PORT
const simUrl = `http://127.0.0.1:${simPort}`
const shopUrl = `http://127.0.0.1:${shopPort}`
process.env.E2E_SIM_URL = simUrl
// Everything the shop's server prints, for the security journey's leak check (security-leaks).
// Outside test-results, which another run started meanwhile would empty.
process.env.E2E_SHOP_LOG ??= join(
  tmpdir(),
  "login-with-link-e2e",
  `shop-server-${shopPort}.log`
)

export default defineConfig(baseConfig, {
  testDir: "./e2e",
  // Waiting out the real 30 s resend cooldown and a 10 s Link timeout fits in this.
  timeout: 120_000,
  fullyParallel: true,
  workers: 2,
  reporter: [["list"], ["html", { open: "never" }]],
  use: { baseURL: shopUrl },
  projects: [
    // Journeys that only touch their own person run side by side.
    {
      name: "journeys",
      // oauth-*.spec.ts run against the OAuth-mode build: e2e/oauth.config.ts.
      testIgnore: /(expired-code|link-down|security-leaks|oauth-.*)\.spec\.ts/,
    },
    // These move the simulator's clock or break it on purpose: each runs alone, afterwards.
    {
      name: "clock",
      testMatch: /expired-code\.spec\.ts/,
      dependencies: ["journeys"],
    },
    {
      name: "link-down",
      testMatch: /link-down\.spec\.ts/,
      dependencies: ["clock"],
    },
    // Last: greps the server log of the whole run for client secrets, codes and challenges.
    {
      name: "leaks",
      testMatch: /security-leaks\.spec\.ts/,
      dependencies: ["link-down"],
    },
  ],
  webServer: [
    simulatorServer(simPort),
    {
      command: loggedCommand(
        process.env.E2E_SHOP_LOG,
        "node e2e/start-shop.mjs"
      ),
      url: `${shopUrl}/`,
      env: {
        PORT: shopPort,
        AUTH_LINK_API_URL: `${simUrl}/api`,
        AUTH_LINK_KEY: "pk_test_e2e",
        AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
        AUTH_TRUST_HOST: "true",
        LINK_DEV_OUTBOX_URL: `${simUrl}/__dev`,
      },
      reuseExistingServer: false,
      // A cold `next build` on two cores takes a few minutes.
      timeout: 400_000,
      stdout: "pipe",
    },
  ],
})
