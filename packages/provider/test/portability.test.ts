/**
 * The provider must run on any Auth.js framework and on edge runtimes: its source imports only
 * @auth/core (its root for the `customFetch` symbol, and two entry points), oauth4webapi (what
 * @auth/core itself uses, for the Link OAuth refresh) and @login-with-link/core, never node:*, next or next-auth, and
 * never reads process.env (the core reads the environment). The "./redis" entry re-exports the
 * core's Redis limiter; the main entry never loads it.
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
    expect(files).toContain("provider.ts")
  })

  it("imports at run time only relative modules, @auth/core (root, errors, providers/credentials), oauth4webapi and @login-with-link/core", () => {
    const allowed = new Set([
      "@auth/core",
      "oauth4webapi",
      "@auth/core/errors",
      "@auth/core/providers/credentials",
      "@login-with-link/core",
    ])
    const offending: string[] = []
    for (const { name, text } of sources) {
      // `import type` is erased from the build: any @auth/core types may be used.
      const runtime = text.replace(
        /^\s*(?:import|export)\s+type\s[^;]*?from\s*["'][^"']+["']/gm,
        ""
      )
      for (const match of runtime.matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? ""
        const redis =
          name === "redis.ts" && specifier === "@login-with-link/core/redis"
        if (!specifier.startsWith("./") && !allowed.has(specifier) && !redis) {
          offending.push(`${name}: ${specifier}`)
        }
      }
    }
    expect(offending).toEqual([])
  })

  it("keeps the Redis entry out of the main entry's module graph", () => {
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
    expect(reached.has("provider.ts")).toBe(true)
    expect(reached.has("redis.ts")).toBe(false)
  })

  it("never mentions node:, next or next-auth in an import, nor process.env", () => {
    for (const { text } of sources) {
      expect(text).not.toMatch(/from\s+["'](node:|next["'/]|next-auth)/)
      expect(text).not.toMatch(/process\s*\??\.\s*env/)
    }
  })
})
