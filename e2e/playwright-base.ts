/**
 * What every Playwright config of the workspace shares (playwright.config.ts, e2e/oauth.config.ts,
 * e2e-oidc/, e2e-better-auth/ and examples/test/): Chromium with the flags a shared 2-core box
 * needs, one retry in CI, artifacts kept only for failures, and the Link simulator's webServer.
 * Each config passes {@link baseConfig} first to Playwright's `defineConfig(base, own)`, which
 * merges `use`, `expect` and `webServer` and lets the config's own keys win.
 *
 * @module
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import type { PlaywrightTestConfig } from "@playwright/test"

/** The repository's root folder. */
export const ROOT = join(import.meta.dirname, "..")

const CHROMIUM = "/usr/bin/chromium"

/** The settings every config starts from. */
export const baseConfig: PlaywrightTestConfig = {
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  // One retry in CI, reported as "flaky" in the output, so a loaded 2-core runner does not drop a
  // landing over one timing hiccup; locally every failure shows at once.
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {
      // The system's Chromium where there is one, else Playwright's own.
      ...(existsSync(CHROMIUM) && { executablePath: CHROMIUM }),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
}

/** A webServer entry: the Link simulator (e2e/start-simulator.mjs) on 127.0.0.1:`port`. */
export function simulatorServer(port: string) {
  return {
    command: `node ${join(ROOT, "e2e", "start-simulator.mjs")}`,
    url: `http://127.0.0.1:${port}/__control/clock`,
    env: { PORT: port },
    reuseExistingServer: false,
    timeout: 30_000,
  }
}

/**
 * A webServer command that runs `command` with everything it prints also written to `logFile`
 * (e2e/log-to-file.mjs), for journeys that read a server's log afterwards.
 */
export function loggedCommand(logFile: string, command: string): string {
  return `node ${join(ROOT, "e2e", "log-to-file.mjs")} "${logFile}" ${command}`
}
