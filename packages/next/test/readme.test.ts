// The README's whole addition is one block of at most 15 lines over at most 3 files, the same in
// the package README and the root README, and its page and action are what the type-checked
// fixture app (test/fixtures/resolution/app.tsx) uses.
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const here = dirname(fileURLToPath(import.meta.url))
const read = (path: string) => readFileSync(join(here, path), "utf8")

function block(markdown: string): string[] {
  const start = markdown.indexOf("```tsx\n// auth.ts")
  expect(start).toBeGreaterThan(-1)
  const end = markdown.indexOf("\n```", start + 6)
  return markdown.slice(start + "```tsx\n".length, end).split("\n")
}

describe("the README block", () => {
  const lines = block(read("../README.md"))

  it("is at most 15 lines over at most 3 files", () => {
    expect(lines.length).toBeLessThanOrEqual(15)
    const files = lines.filter((line) => /^\/\/ [\w/.[\]-]+\.tsx?\b/.test(line))
    expect(files.map((line) => line.split(/[: ]/)[1])).toEqual([
      "auth.ts",
      "app/login/actions.ts",
      "app/login/page.tsx",
    ])
  })

  it("is the same in the root README", () => {
    expect(block(read("../../../README.md"))).toEqual(lines)
  })

  it("its action and page are the fixture app's, which type-checks against the package", () => {
    const app = read("fixtures/resolution/app.tsx")
    for (const line of [
      "export const linkAction = async (state?: unknown, form?: FormData) =>",
      "  linkSignIn(signIn, state, form)",
    ])
      expect(lines).toContain(line)
    expect(app).toContain(
      "export const linkAction = async (state?: unknown, form?: FormData) =>\n  linkSignIn(signIn, state, form)"
    )
  })
})
