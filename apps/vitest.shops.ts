/**
 * The vitest config of the shops that sign people in through the hosted page (better-auth-shop,
 * hono-shop): their tests start the hosted page in-process, from its source.
 */
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: {
    // The hosted page is an app, not a built package: test against its source.
    alias: {
      "@login-with-link/hosted-login": fileURLToPath(
        new URL("./hosted-login/src/index.ts", import.meta.url)
      ),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
