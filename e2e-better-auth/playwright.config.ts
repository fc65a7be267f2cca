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
import { fileURLToPath } from "node:url"
import { defineConfig, devices } from "@playwright/test"
import { freePortsSync } from "@login-with-link/test-helpers"

const root = fileURLToPath(new URL("..", import.meta.url))

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

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // One retry in CI, reported as "flaky", so a loaded 2-core runner does not drop a landing over
  // one timing hiccup; locally every failure shows at once.
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  outputDir: `${root}test-results/e2e-better-auth`,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
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
      cwd: root,
      url: `http://127.0.0.1:${oidcShop}/healthz`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_BA_PORTS: process.env.E2E_BA_PORTS },
    },
  ],
})
