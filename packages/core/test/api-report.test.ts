/**
 * The API report: the names each entry point exports, values and types apart, compared with the
 * checked-in `api-report.md`. A name added or removed fails here until the report is updated
 * (`pnpm --filter @login-with-link/core test -u`), so that growth is a reviewed change.
 */
import { join } from "node:path"
import { apiReport } from "@login-with-link/test-helpers"
import { describe, expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")

describe("the API report", () => {
  it("lists every export of each entry point, as reviewed", async () => {
    const report = apiReport({
      "@login-with-link/core": join(SRC, "index.ts"),
      "@login-with-link/core/redis": join(SRC, "redis-rate-limiter.ts"),
      "@login-with-link/core/form": join(SRC, "form", "index.ts"),
    })
    await expect(report).toMatchFileSnapshot("../api-report.md")
    // One TypeScript program over three entries: slow on a busy machine.
  }, 60_000)
})
