/**
 * The API report: the names the entry point exports, values and types apart, compared with the
 * checked-in `api-report.md`. A name added or removed fails here until the report is updated
 * (`pnpm --filter @login-with-link/react test -u`), so that growth is a reviewed change.
 */
import { join } from "node:path"
import { apiReport } from "@login-with-link/test-helpers"
import { expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")

it("the API report lists every export of the entry point, as reviewed", async () => {
  const report = apiReport({ "@login-with-link/react": join(SRC, "index.ts") })
  await expect(report).toMatchFileSnapshot("../api-report.md")
}, 60_000)
