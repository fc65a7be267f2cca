/**
 * The core must run on any framework and runtime (Node, Deno, Bun, edge, workers): its main entry
 * imports only zod, jose and @noble/hashes (synchronous SHA-256 and HMAC, portable JavaScript), never node:*, next, next-auth or @auth/*, and reads process.env only
 * in env.ts. The Redis adapter (its own entry, "./redis") may also import rate-limiter-flexible,
 * an optional peer dependency the main entry never loads.
 */
import { join } from "node:path"
import { assertPortable } from "@login-with-link/test-helpers"
import { describe, expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")

describe("portability of src/", () => {
  it("the main entry imports only zod, jose and @noble/hashes, types included, and reads process.env only in env.ts", () => {
    const { reached, packages } = assertPortable(join(SRC, "index.ts"), {
      allow: ["zod", "jose", "@noble/hashes"],
      envReaders: ["env.ts"],
    })
    expect(reached).toContain("sign-in.ts")
    expect(reached).toContain("challenge.ts")
    expect(packages).toEqual([
      "@noble/hashes/hmac",
      "@noble/hashes/sha2",
      "jose",
      "zod",
    ])
  })

  it("keeps the Redis adapter out of the main entry's module graph", () => {
    const { reached } = assertPortable(join(SRC, "index.ts"), {
      allow: ["zod", "jose", "@noble/hashes"],
      envReaders: ["env.ts"],
    })
    expect(reached).not.toContain("redis-rate-limiter.ts")
    const redis = assertPortable(join(SRC, "redis-rate-limiter.ts"), {
      allow: ["zod", "jose", "@noble/hashes", "rate-limiter-flexible"],
      envReaders: ["env.ts"],
    })
    expect(redis.packages).toContain("rate-limiter-flexible")
  })
})

describe("what a browser form bundles", () => {
  it("the form's driver (core/form) reaches the code facts, not the server's (linkCodeInfo: messages, statuses, log levels)", () => {
    const { reached } = assertPortable(join(SRC, "form", "index.ts"), {
      allow: ["zod", "jose"],
      typeImports: "ignore",
    })
    // Named from src/form/.
    expect(reached).toContain("../codes.ts")
    expect(reached).not.toContain("../code-info.ts")
  })
})
