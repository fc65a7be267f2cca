/**
 * The package's shape as an app installs it: peers capped at their next major, `next` optional
 * (a better-auth app without Next.js installs the plugin alone), nothing of React, and each entry
 * point built and typed.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expect, it } from "vitest"

const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")
) as {
  peerDependencies: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  dependencies: Record<string, string>
  exports: Record<string, { types: string; default: string }>
}

it("caps every peer at its next major (no open-ended >=)", () => {
  for (const [peer, range] of Object.entries(manifest.peerDependencies))
    expect(
      /^[\^~]/.test(range) || /<\s*\d/.test(range),
      `${peer}: ${range}`
    ).toBe(true)
})

it("needs neither Next.js nor React: next is an optional peer, react is nothing", () => {
  expect(manifest.peerDependenciesMeta?.next?.optional).toBe(true)
  for (const field of [manifest.peerDependencies, manifest.dependencies])
    expect(Object.keys(field).filter((name) => /react/.test(name))).toEqual([])
})

it("has the three entry points, each typed", () => {
  expect(Object.keys(manifest.exports)).toEqual([".", "./client", "./next"])
  for (const entry of Object.values(manifest.exports))
    expect(entry.types).toMatch(/^\.\/dist\/.+\.d\.ts$/)
})
