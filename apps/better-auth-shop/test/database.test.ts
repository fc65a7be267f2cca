/**
 * The embedded database on a fresh clone: `.data/` is git-ignored, so the default data directory's
 * parent does not exist the first time `pnpm dev:better-auth` runs.
 */
import { existsSync, rmSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { expect, test } from "vitest"
import { loadShopConfig } from "../src/config.js"
import { openDatabase } from "../src/database.js"

/**
 * A stand-in for a fresh clone's app directory, inside the app's git-ignored `.data/`: removed
 * before the test, left after it (PGlite may still touch its directory after close() resolves).
 */
const clone = fileURLToPath(
  new URL("../.data/test-fresh-clone", import.meta.url)
)

test("PGlite opens in a data directory whose parents do not exist yet, and keeps what it stored", async () => {
  rmSync(clone, { recursive: true, force: true })
  const pgliteDir = join(clone, ".data", "pglite")
  const first = await openDatabase({ pgliteDir })
  await first.query("create table note (text text)")
  await first.query("insert into note values ($1)", ["kept"])
  await first.close()
  expect(existsSync(pgliteDir)).toBe(true)

  const again = await openDatabase({ pgliteDir })
  expect(await again.query("select text from note")).toEqual([{ text: "kept" }])
  await again.close()
})

test("the default data directory is .data/pglite inside the app", () => {
  expect(loadShopConfig({}).pgliteDir).toMatch(
    /apps\/better-auth-shop\/\.data\/pglite$/
  )
})
