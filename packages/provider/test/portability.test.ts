/**
 * The provider must run on any Auth.js framework and on edge runtimes: its source imports at run
 * time only @auth/core (its root for the `customFetch` symbol, and two entry points),
 * oauth4webapi (what @auth/core itself uses; the Link OAuth refresh) and @login-with-link/core,
 * never node:*, next or next-auth, and never reads process.env (the core reads the environment). The "./redis" entry
 * re-exports the core's Redis limiter; the main entry never loads it.
 */
import { join } from "node:path"
import { assertPortable } from "@login-with-link/test-helpers"
import { describe, expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")
const RUNTIME = [
  "@auth/core",
  "oauth4webapi",
  "@auth/core/errors",
  "@auth/core/providers/credentials",
  "@login-with-link/core",
]

describe("portability of src/", () => {
  it("imports at run time only relative modules, @auth/core (root, errors, providers/credentials), oauth4webapi and @login-with-link/core", () => {
    // `import type` is erased from the build: any @auth/core types may be used.
    const { reached } = assertPortable(join(SRC, "index.ts"), {
      allow: RUNTIME,
      typeImports: "ignore",
    })
    expect(reached).toContain("index.ts")
    // The "./oauth" entry (Link's OAuth tokens) too.
    expect(
      assertPortable(join(SRC, "oauth.ts"), {
        allow: RUNTIME,
        typeImports: "ignore",
      }).reached
    ).toContain("link-oauth-tokens.ts")
  })

  it("keeps the Redis entry out of the main entry's module graph", () => {
    const { reached } = assertPortable(join(SRC, "index.ts"), {
      allow: RUNTIME,
      typeImports: "ignore",
    })
    expect(reached).not.toContain("redis.ts")
    assertPortable(join(SRC, "redis.ts"), {
      allow: [...RUNTIME, "@login-with-link/core/redis"],
      typeImports: "ignore",
    })
  })
})
