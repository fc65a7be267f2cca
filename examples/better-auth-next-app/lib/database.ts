/**
 * The app's database: PGlite, Postgres compiled to WebAssembly and installed from npm, with
 * nothing to run beside the app. Better Auth talks to it through its Kysely adapter.
 *
 * The data lives in `PGLITE_DIR` (default `.data/pglite`), or in memory with `PGLITE_DIR=memory://`.
 * One PGlite may open a directory at a time, so the instance is kept on `globalThis`: Next.js loads
 * this module once for `instrumentation.ts` and again for the routes (and again after each edit in
 * `next dev`), and they all share it. `next build` gets a throwaway in-memory one: its page-data
 * workers load `auth.ts` too, all at once, and never query it.
 * @module
 */
import { KyselyPGlite } from "kysely-pglite"

const dataDir =
  process.env.NEXT_PHASE === "phase-production-build"
    ? "memory://"
    : (process.env.PGLITE_DIR ?? ".data/pglite")

const shared = globalThis as typeof globalThis & { appDatabase?: KyselyPGlite }
shared.appDatabase ??= new KyselyPGlite(dataDir)

/** Better Auth's `database` option. */
export const database = {
  dialect: shared.appDatabase.dialect,
  type: "postgres",
} as const
