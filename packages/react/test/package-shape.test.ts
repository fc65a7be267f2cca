// What npm users get: the built files keep "use client" where React needs it (the entry itself is
// not one, so a layout with LinkSignInSync does not load the form), and nothing in the package
// imports Next.js, next-auth, Better Auth or the Auth.js provider: react is the only peer.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const pkg = join(import.meta.dirname, "..")
const require = createRequire(join(pkg, "package.json"))
const tsc = join(
  dirname(require.resolve("typescript/package.json")),
  "bin",
  "tsc"
)

let dist: string
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), "lwl-react-shape-"))
  execFileSync(
    process.execPath,
    [tsc, "-p", join(pkg, "tsconfig.build.json"), "--outDir", dist],
    { stdio: "pipe" }
  )
}, 120_000)
afterAll(() => rmSync(dist, { recursive: true, force: true }))

const built = () =>
  readdirSync(dist)
    .filter((file) => file.endsWith(".js"))
    .map((file) => ({ file, code: readFileSync(join(dist, file), "utf8") }))

describe("the built package", () => {
  it('every file React needs as a client module starts with "use client"; the entry does not', () => {
    const needs = built().filter(({ code }) =>
      /\buse(State|Effect|Ref|ActionState|FormStatus|Id|SyncExternalStore)\b/.test(
        code
      )
    )
    expect(needs.length).toBeGreaterThan(5)
    for (const { file, code } of needs)
      expect(code.startsWith('"use client";'), file).toBe(true)
    expect(readFileSync(join(dist, "index.js"), "utf8")).not.toMatch(
      /^"use client"/
    )
  })

  it("imports only react, react-dom and @login-with-link/core (its copy and its form state) at run time", () => {
    const imported = new Set<string>()
    for (const { code } of built())
      // Import and export statements only (the doc comments' examples name the package itself).
      for (const [, from] of code.matchAll(
        /^(?:import|export)\b[^;]*?from "([^".][^"]*)"/gm
      ))
        imported.add(from!)
    expect([...imported].sort()).toEqual(
      [
        "@login-with-link/core",
        "@login-with-link/core/form",
        "react",
        "react-dom",
        "react/jsx-runtime",
      ].filter((name) => imported.has(name))
    )
    expect(imported.has("react")).toBe(true)
  })

  it("package.json: react the only peer, styles.css exported and kept by bundlers", () => {
    const manifest = JSON.parse(
      readFileSync(join(pkg, "package.json"), "utf8")
    ) as {
      peerDependencies: Record<string, string>
      exports: Record<string, unknown>
      sideEffects: string[]
    }
    expect(Object.keys(manifest.peerDependencies)).toEqual(["react"])
    expect(manifest.exports["./styles.css"]).toBe("./styles.css")
    expect(manifest.sideEffects).toEqual(["*.css"])
  })
})
