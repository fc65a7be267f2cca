/**
 * The API report: the names each entry point exports, values and types apart, compared with the
 * checked-in `api-report.md`. A name added or removed fails here until the report is updated
 * (`pnpm --filter @login-with-link/next test -u`), so that growth is a reviewed change. The client
 * entry's names are @login-with-link/react's (the form), unchanged.
 */
import { join } from "node:path"
import { apiReport } from "@login-with-link/test-helpers"
import { expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")

it("the API report lists every export of each entry point, as reviewed", async () => {
  const report = apiReport({
    "@login-with-link/next": join(SRC, "client", "index.ts"),
    "@login-with-link/next/server": join(SRC, "server", "index.ts"),
    "@login-with-link/next/provider": join(SRC, "provider", "index.ts"),
  })
  await expect(report).toMatchFileSnapshot("../api-report.md")
}, 60_000)
