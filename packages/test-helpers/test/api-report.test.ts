import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { apiReport, exportNames } from "../src/api-report.js"

const dir = mkdtempSync(join(tmpdir(), "api-report-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
writeFileSync(
  join(dir, "inner.ts"),
  "export const inner = 1\nexport interface Shape { a: number }\nexport class Thing {}\n"
)
writeFileSync(
  join(dir, "index.ts"),
  'export { inner, Thing } from "./inner.js"\nexport type { Shape } from "./inner.js"\nexport type Alias = string\nexport function run(): void {}\n'
)

describe("apiReport", () => {
  it("sorts an entry's exports into values and types, re-exports included", () => {
    expect(exportNames(join(dir, "index.ts"))).toEqual({
      values: ["Thing", "inner", "run"],
      types: ["Alias", "Shape"],
    })
  })

  it("writes one section per entry", () => {
    expect(apiReport({ pkg: join(dir, "index.ts") })).toBe(
      "# API report\n\n## pkg\n\nValues (3):\n\n- Thing\n- inner\n- run\n\nTypes (2):\n\n- Alias\n- Shape\n"
    )
  })
})
