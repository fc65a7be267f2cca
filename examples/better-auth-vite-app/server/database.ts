/**
 * The app's database: PGlite, Postgres compiled to WebAssembly and installed from npm, with
 * nothing to run beside the server. Better Auth talks to it through its Kysely adapter. The data
 * lives in `PGLITE_DIR` (default `.data/pglite`), or in memory with `PGLITE_DIR=memory://`.
 * @module
 */
import { KyselyPGlite } from "kysely-pglite"

const pglite = new KyselyPGlite(process.env.PGLITE_DIR ?? ".data/pglite")

/** Better Auth's `database` option. */
export const database = { dialect: pglite.dialect, type: "postgres" } as const
