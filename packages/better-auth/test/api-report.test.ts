/**
 * The API report: the names each entry point exports, values and types apart, compared with the
 * checked-in `api-report.md`. A name added or removed fails here until the report is updated
 * (`pnpm --filter @login-with-link/better-auth test -u`), so that growth is a reviewed change.
 */
import { join } from "node:path"
import { apiReport } from "@login-with-link/test-helpers"
import { expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")

it("the API report lists every export of each entry point, as reviewed", async () => {
  const report = apiReport({
    "@login-with-link/better-auth": join(SRC, "index.ts"),
    "@login-with-link/better-auth/client": join(SRC, "client.ts"),
    "@login-with-link/better-auth/next": join(SRC, "next.ts"),
  })
  await expect(report).toMatchFileSnapshot("../api-report.md")
}, 60_000)
