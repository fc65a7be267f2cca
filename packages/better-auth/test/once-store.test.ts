/**
 * The core's once store on better-auth's database (the verification table): counts per key,
 * atomic within a process and across instances on one database, gone once the key expires.
 */
import { betterAuth, type BetterAuthOptions } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { describe, expect, it } from "vitest"
import { betterAuthOnceStore } from "../src/once-store.js"
import { pglite } from "./database.js"
import type { Db } from "./harness.js"
import { memoryStorage } from "./memory-storage.js"

async function contextOn(
  db: Db | BetterAuthOptions["database"],
  secondary = false
) {
  const auth = betterAuth({
    baseURL: "http://shop.test",
    secret: "better-auth-test-secret-0123456789abcdef",
    database:
      db && "verification" in db && Array.isArray(db.verification)
        ? memoryAdapter(db as Db)
        : (db as BetterAuthOptions["database"]),
    logger: { disabled: true },
    ...(secondary ? { secondaryStorage: memoryStorage() } : {}),
  })
  return auth.$context
}

const emptyDb = (): Db => ({
  user: [],
  session: [],
  account: [],
  verification: [],
})

describe("the once store in the verification table", () => {
  it("counts the uses of a key from 1, and 0 for a key never used", async () => {
    const store = betterAuthOnceStore(await contextOn(emptyDb()))
    expect(await store.uses("link:spent:a")).toBe(0)
    expect(await store.use("link:spent:a", 60_000)).toBe(1)
    expect(await store.use("link:spent:a", 60_000)).toBe(2)
    expect(await store.uses("link:spent:a")).toBe(2)
    expect(await store.uses("link:spent:b")).toBe(0)
  })

  it("gives exactly one first use to 20 parallel uses in one process", async () => {
    const store = betterAuthOnceStore(await contextOn(emptyDb()))
    const counts = await Promise.all(
      Array.from({ length: 20 }, () => store.use("link:spent:c", 60_000))
    )
    expect(counts.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1)
    )
  })

  it("gives exactly one first use to 20 parallel uses across two instances on one Postgres (PGlite)", async () => {
    const db = await pglite()
    try {
      await db.migrate()
      const one = betterAuthOnceStore(await contextOn(db.database))
      const two = betterAuthOnceStore(await contextOn(db.database))
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? one : two).use("link:spent:c", 60_000)
        )
      )
      expect(counts.filter((count) => count === 1)).toHaveLength(1)
      expect(await one.uses("link:spent:c")).toBe(20)
    } finally {
      await db.close()
    }
    // PGlite (Postgres in WebAssembly) takes seconds to start on a busy machine.
  }, 120_000)

  it("forgets a key once it has expired, and counts from 1 again", async () => {
    const store = betterAuthOnceStore(await contextOn(emptyDb()))
    expect(await store.use("link:spent:d", 1)).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await store.uses("link:spent:d")).toBe(0)
    expect(await store.use("link:spent:d", 60_000)).toBe(1)
  })

  it("keeps nothing but hashed keys: no row holds more than the key it was given", async () => {
    const db = emptyDb()
    const store = betterAuthOnceStore(await contextOn(db))
    await store.use("link:spent:0123456789abcdef", 60_000)
    expect(db.verification!.map((row) => row.identifier)).toEqual([
      "login-with-link:once:link:spent:0123456789abcdef#1",
    ])
  })
})

it("is on secondary storage when the app has one", async () => {
  const db = emptyDb()
  const store = betterAuthOnceStore(await contextOn(db, true))
  expect(await store.use("link:spent:e", 60_000)).toBe(1)
  expect(await store.use("link:spent:e", 60_000)).toBe(2)
  expect(db.verification).toHaveLength(0)
})
