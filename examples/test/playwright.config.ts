/**
 * Browser journeys of examples/existing-app, run by examples/test/run.mjs once it has installed
 * the packed packages into a copy of the app and built it (EXAMPLE_APP_DIR). Three servers on free
 * 127.0.0.1 ports: the Link simulator, the GitHub stand-in and the app (`next start`), whose output
 * also goes to a file that the journeys read.
 */
import { join } from "node:path"
import { defineConfig } from "@playwright/test"
import { freePortsSync } from "@login-with-link/test-helpers"
import {
  baseConfig,
  loggedCommand,
  ROOT,
  simulatorServer,
} from "../../e2e/playwright-base"

const appDir = process.env.EXAMPLE_APP_DIR
if (!appDir) throw new Error("Run through examples/test/run.mjs")

if (
  !process.env.EXAMPLE_SIM_PORT ||
  !process.env.EXAMPLE_GITHUB_PORT ||
  !process.env.EXAMPLE_APP_PORT
) {
  const [sim, github, app] = freePortsSync(3)
  process.env.EXAMPLE_SIM_PORT = String(sim)
  process.env.EXAMPLE_GITHUB_PORT = String(github)
  process.env.EXAMPLE_APP_PORT = String(app)
}
const simUrl = `http://127.0.0.1:${process.env.EXAMPLE_SIM_PORT}`
const githubUrl = `http://127.0.0.1:${process.env.EXAMPLE_GITHUB_PORT}`
// The app listens on 127.0.0.1, and the browser calls it localhost: Next.js reports 127.0.0.1 as
// "localhost" to route handlers, so Auth.js's forms and cookies would be for another origin.
const appUrl = `http://localhost:${process.env.EXAMPLE_APP_PORT}`
process.env.EXAMPLE_SIM_URL = simUrl
// The shared e2e fixtures (the simulator's control API and outbox) read this one.
process.env.E2E_SIM_URL = simUrl
process.env.EXAMPLE_APP_LOG = join(appDir, "..", "server.log")

const github = {
  AUTH_GITHUB_ID: "existing-app-client",
  AUTH_GITHUB_SECRET: "existing-app-github-secret",
}

export default defineConfig(baseConfig, {
  testDir: ".",
  testMatch: /existing-app\.spec\.ts/,
  outputDir: join(ROOT, "test-results", "existing-app"),
  timeout: 60_000,
  // The journeys share one app server whose log the last one reads: one worker, in file order.
  workers: 1,
  use: { baseURL: appUrl },
  webServer: [
    simulatorServer(process.env.EXAMPLE_SIM_PORT),
    {
      command: `node ${join(import.meta.dirname, "github-stub.mjs")}`,
      url: `${githubUrl}/login/oauth/authorize?client_id=${github.AUTH_GITHUB_ID}&redirect_uri=${encodeURIComponent(appUrl)}`,
      env: { PORT: process.env.EXAMPLE_GITHUB_PORT, ...github },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: loggedCommand(
        process.env.EXAMPLE_APP_LOG,
        `node node_modules/next/dist/bin/next start --port ${process.env.EXAMPLE_APP_PORT} --hostname 127.0.0.1`
      ),
      cwd: appDir,
      url: `${appUrl}/`,
      env: {
        AUTH_SECRET: process.env.AUTH_SECRET ?? "",
        AUTH_TRUST_HOST: "true",
        AUTH_LINK_KEY: process.env.AUTH_LINK_KEY ?? "",
        AUTH_LINK_API_URL: `${simUrl}/api`,
        // Link's own page (LinkOAuth): the simulator's, with its dev client.
        AUTH_LINK_OAUTH_URL: `${simUrl}/oauth`,
        AUTH_LINK_OAUTH_API_URL: `${simUrl}/oauth`,
        AUTH_LINK_OAUTH_ID: process.env.AUTH_LINK_OAUTH_ID ?? "",
        AUTH_LINK_OAUTH_SECRET: process.env.AUTH_LINK_OAUTH_SECRET ?? "",
        AUTH_GITHUB_URL: githubUrl,
        ...github,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
  ],
})
