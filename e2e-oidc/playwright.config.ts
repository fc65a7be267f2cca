/**
 * Browser journeys through the hosted Login with Link page (OIDC): the Corner Store (Hono +
 * openid-client) signs people in there. The webServer builds and starts the simulator, the hosted
 * page and the shop on free ports (apps/hono-shop/scripts/dev-stack.mjs).
 *
 * Run: pnpm exec playwright test -c e2e-oidc/playwright.config.ts
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { defineConfig, devices } from "@playwright/test"

const root = fileURLToPath(new URL("..", import.meta.url))

// Free ports, chosen once in the runner process; workers inherit them through the environment.
function freePorts(count: number): string {
  return execFileSync(process.execPath, [
    "-e",
    `const net = require("node:net")
     const servers = Array.from({ length: ${count} }, () => net.createServer().listen(0, "127.0.0.1"))
     Promise.all(servers.map((s) => new Promise((r) => s.on("listening", r)))).then(() => {
       console.log(servers.map((s) => s.address().port).join(","))
       servers.forEach((s) => s.close())
     })`,
  ])
    .toString()
    .trim()
}
process.env.E2E_OIDC_PORTS ??= freePorts(3)
const [linkPort, hostedPort, shopPort] = process.env.E2E_OIDC_PORTS.split(",")

export const urls = {
  link: `http://127.0.0.1:${linkPort}`,
  hosted: `http://localhost:${hostedPort}`,
  shop: `http://localhost:${shopPort}`,
}
process.env.E2E_OIDC_LINK_URL = urls.link

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  outputDir: `${root}test-results/e2e-oidc`,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: urls.shop,
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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command:
      'pnpm --filter "@login-with-link/hono-shop..." build && node apps/hono-shop/scripts/dev-stack.mjs',
    cwd: root,
    url: `${urls.shop}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      LINK_SIM_PORT: linkPort!,
      HOSTED_LOGIN_PORT: hostedPort!,
      HONO_SHOP_PORT: shopPort!,
      STACK_EPHEMERAL: "1",
      LINK_SIM_QUIET: "1",
      LINK_SIM_MAX_SENDS_PER_HOUR: "1000",
      LINK_SIM_RESEND_COOLDOWN_MS: "0",
      HOSTED_LOGIN_RESEND_COOLDOWN: "0",
      HOSTED_LOGIN_RATE_LIMIT: "off",
    },
  },
})
