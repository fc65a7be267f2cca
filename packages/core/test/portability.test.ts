/**
 * The core must run on any framework and runtime (Node, Deno, Bun, edge, workers): its source
 * imports only zod, never node:*, next, next-auth or @auth/*, and reads process.env only
 * in env.ts. The Redis adapter (its own entry, "./redis") may also import rate-limiter-flexible,
 * an optional peer dependency the main entry never loads.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")
const files = readdirSync(SRC).filter((name) => name.endsWith(".ts"))
// Comments (TSDoc examples mention next-auth and process.env) are not code: strip them first.
const stripComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1")
const sources = files.map((name) => ({
  name,
  text: stripComments(readFileSync(join(SRC, name), "utf8")),
}))
const IMPORT =
  /\b(?:import|export)\b[^"'`;]*?from\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']/g

describe("portability of src/", () => {
  it("finds the source files", () => {
    expect(files).toContain("index.ts")
    expect(files.length).toBeGreaterThanOrEqual(10)
  })

  it("imports only relative modules, zod and jose", () => {
    const allowed = new Set(["zod", "jose"])
    const offending: string[] = []
    for (const { name, text } of sources) {
      // Type imports too: the core's types must not need another package either.
      for (const match of text.matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? ""
        const adapter =
          name === "redis-rate-limiter.ts" &&
          specifier === "rate-limiter-flexible"
        if (
          !specifier.startsWith("./") &&
          !allowed.has(specifier) &&
          !adapter
        ) {
          offending.push(`${name}: ${specifier}`)
        }
      }
    }
    expect(offending).toEqual([])
  })

  it("keeps the Redis adapter out of the main entry's module graph", () => {
    const reached = new Set<string>()
    const visit = (name: string) => {
      if (reached.has(name)) return
      reached.add(name)
      const text = sources.find((s) => s.name === name)?.text ?? ""
      for (const match of text.matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? ""
        if (specifier.startsWith("./"))
          visit(specifier.slice(2).replace(/\.js$/, ".ts"))
      }
    }
    visit("index.ts")
    expect(reached.has("options.ts")).toBe(true)
    expect(reached.has("redis-rate-limiter.ts")).toBe(false)
  })

  it("never mentions node:, next, next-auth or @auth/ in an import", () => {
    for (const { text } of sources) {
      expect(text).not.toMatch(/from\s+["'](node:|next["'/]|next-auth|@auth\/)/)
    }
  })

  it("reads process.env only in env.ts", () => {
    const readers = sources
      .filter(({ text }) =>
        /process\s*\??\.\s*env|process\s*\?\.\s*env/.test(text)
      )
      .map(({ name }) => name)
    expect(readers).toEqual(["env.ts"])
  })

  it("the scanner itself catches a forbidden import, and skips comments", () => {
    const sample = stripComments(
      [
        'import { readFile } from "node:fs"',
        '// import a from "next"',
        'import x from "next-auth"',
        "const k = process.env.X",
      ].join("\n")
    )
    const found = [...sample.matchAll(IMPORT)].map((m) => m[1])
    expect(found).toEqual(["node:fs", "next-auth"])
    expect(sample).toContain("process.env")
  })
})
