/**
 * The Playwright config of a Better Auth example (better-auth-next-app.config.ts,
 * better-auth-vite-app.config.ts), run by examples/test/run.mjs once it has installed the packed
 * packages into a copy of the app and built it (EXAMPLE_APP_DIR). Two servers on free 127.0.0.1
 * ports: the Link simulator and the app, whose database (PGlite) is a fresh folder beside the copy
 * and whose output also goes to a file.
 */
import { rmSync } from "node:fs"
import { join } from "node:path"
import { defineConfig } from "@playwright/test"
import { freePortsSync } from "@login-with-link/test-helpers"
import {
  baseConfig,
  loggedCommand,
  ROOT,
  simulatorServer,
} from "../../e2e/playwright-base"

/** What differs between the examples. */
export interface BetterAuthExample {
  name: string
  /** How the app's server starts, from the app's folder (`{port}` is replaced). */
  command: string
  /** The host the browser uses: Next.js answers 127.0.0.1 as "localhost" (see the next app's). */
  host: "localhost" | "127.0.0.1"
}

export function betterAuthConfig(example: BetterAuthExample) {
  const appDir = process.env.EXAMPLE_APP_DIR
  if (!appDir) throw new Error("Run through examples/test/run.mjs")
  if (!process.env.EXAMPLE_SIM_PORT || !process.env.EXAMPLE_APP_PORT) {
    const [sim, app] = freePortsSync(2)
    process.env.EXAMPLE_SIM_PORT = String(sim)
    process.env.EXAMPLE_APP_PORT = String(app)
    // A new database for each run (the config is loaded again by each worker: only once here).
    rmSync(join(appDir, "..", "pglite"), { recursive: true, force: true })
  }
  const port = process.env.EXAMPLE_APP_PORT
  const simUrl = `http://127.0.0.1:${process.env.EXAMPLE_SIM_PORT}`
  const appUrl = `http://${example.host}:${port}`
  process.env.EXAMPLE_SIM_URL = simUrl
  // The shared e2e fixtures (the simulator's control API and outbox) read this one.
  process.env.E2E_SIM_URL = simUrl
  process.env.EXAMPLE_APP_LOG = join(appDir, "..", "server.log")

  return defineConfig(baseConfig, {
    testDir: ".",
    testMatch: new RegExp(`${example.name}\\.spec\\.ts`),
    outputDir: join(ROOT, "test-results", example.name),
    timeout: 90_000,
    // One app server and one client IP for every journey: one at a time, in file order.
    workers: 1,
    use: { baseURL: appUrl },
    webServer: [
      simulatorServer(process.env.EXAMPLE_SIM_PORT),
      {
        command: loggedCommand(
          process.env.EXAMPLE_APP_LOG,
          example.command.replaceAll("{port}", port)
        ),
        cwd: appDir,
        url: `${appUrl}/`,
        env: {
          BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "",
          BETTER_AUTH_URL: appUrl,
          AUTH_LINK_KEY: process.env.AUTH_LINK_KEY ?? "",
          AUTH_LINK_API_URL: `${simUrl}/api`,
          PGLITE_DIR: join(appDir, "..", "pglite"),
        },
        reuseExistingServer: false,
        timeout: 90_000,
        stdout: "pipe",
      },
    ],
  })
}
