/**
 * The API report: the names each entry point exports, values and types apart, compared with the
 * checked-in `api-report.md`. A name added or removed fails here until the report is updated
 * (`pnpm --filter @login-with-link/provider test -u`), so that growth is a reviewed change. The
 * provider's main entry exports what an Auth.js user needs: 18 names for the in-page code and the
 * OIDC page, 9 for Link's own OAuth page (the provider, the reader of its failures, one user on
 * both Link paths); its tokens are the `/oauth` entry's, and everything framework-neutral
 * (the codes, their copy) is @login-with-link/core's.
 */
import { join } from "node:path"
import { apiReport, exportNames } from "@login-with-link/test-helpers"
import { describe, expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")

describe("the API report", { timeout: 60_000 }, () => {
  it("lists every export of each entry point, as reviewed", async () => {
    const report = apiReport({
      "@login-with-link/provider": join(SRC, "index.ts"),
      "@login-with-link/provider/oauth": join(SRC, "oauth.ts"),
      "@login-with-link/provider/redis": join(SRC, "redis.ts"),
    })
    await expect(report).toMatchFileSnapshot("../api-report.md")
  })

  it("the main entry stays small", () => {
    const { values, types } = exportNames(join(SRC, "index.ts"))
    expect(values.length + types.length).toBeLessThanOrEqual(27)
  })
})
