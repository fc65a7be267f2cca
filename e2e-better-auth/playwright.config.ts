/**
 * Browser journeys of the better-auth shop (apps/better-auth-shop), both modes, in Chromium:
 *
 * - project "link": the @login-with-link/better-auth plugin behind the shop's own forms;
 * - project "oidc": Better Auth's genericOAuth through the hosted Login with Link page;
 * - project "oauth": the plugin's forms and Link's own OAuth page (the simulator's login.link.com)
 *   through genericOAuth with the plugin's linkOAuthConfig(), one user either way.
 *
 * One webServer builds the shop and its workspace dependencies once, then starts the three stacks on
 * free ports (start-stacks.mjs -> scripts/dev-better-auth.mjs, each with its own simulator).
 *
 * Run: pnpm exec playwright test -c e2e-better-auth/playwright.config.ts
 */
import { join } from "node:path"
import { defineConfig, devices } from "@playwright/test"
import { freePortsSync } from "@login-with-link/test-helpers"
import { baseConfig, ROOT } from "../e2e/playwright-base"

// Free ports, chosen once in the runner process; workers inherit them through the environment.
process.env.E2E_BA_PORTS ??= freePortsSync(7).join(",")
const [linkSim, linkShop, oidcSim, hosted, oidcShop, oauthSim, oauthShop] =
  process.env.E2E_BA_PORTS.split(",")

export const urls = {
  linkSimulator: `http://127.0.0.1:${linkSim}`,
  linkShop: `http://localhost:${linkShop}`,
  oidcSimulator: `http://127.0.0.1:${oidcSim}`,
  hosted: `http://localhost:${hosted}`,
  oidcShop: `http://localhost:${oidcShop}`,
  oauthSimulator: `http://127.0.0.1:${oauthSim}`,
  oauthShop: `http://localhost:${oauthShop}`,
}
process.env.E2E_BA_LINK_SIM_URL = urls.linkSimulator
process.env.E2E_BA_OIDC_SIM_URL = urls.oidcSimulator
process.env.E2E_BA_OAUTH_SIM_URL = urls.oauthSimulator

export default defineConfig(baseConfig, {
  testDir: ".",
  testMatch: "*.spec.ts",
  fullyParallel: true,
  workers: 2,
  outputDir: join(ROOT, "test-results", "e2e-better-auth"),
  timeout: 30_000,
  projects: [
    {
      name: "link",
      testIgnore: /(oidc|oauth)-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: urls.linkShop },
    },
    {
      name: "oauth",
      testMatch: /oauth-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: urls.oauthShop },
    },
    {
      name: "oidc",
      testMatch: /oidc-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: urls.oidcShop },
    },
  ],
  webServer: [
    {
      command:
        'pnpm --filter "@login-with-link/better-auth-shop..." build && node e2e-better-auth/start-stacks.mjs',
      cwd: ROOT,
      url: `http://127.0.0.1:${oidcShop}/healthz`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_BA_PORTS: process.env.E2E_BA_PORTS },
    },
  ],
})
