/**
 * A real database for tests: PGlite (Postgres compiled to WebAssembly) in memory, through
 * better-auth's Kysely adapter, with better-auth's tables created by its own migrations.
 */
import { PGlite } from "@electric-sql/pglite"
import type { BetterAuthOptions } from "better-auth"
import { getMigrations } from "better-auth/db/migration"
import { KyselyPGlite } from "kysely-pglite"

export async function pglite() {
  const client = await PGlite.create("memory://")
  const database = {
    dialect: new KyselyPGlite(client).dialect,
    type: "postgres",
  } as const
  return {
    database,
    /** Create the tables `options` needs (run once, before the app serves). */
    async migrate(options: Partial<BetterAuthOptions> = {}) {
      const { runMigrations } = await getMigrations({ ...options, database })
      await runMigrations()
    },
    async query<T = Record<string, unknown>>(
      sql: string,
      params: unknown[] = []
    ): Promise<T[]> {
      return (await client.query<T>(sql, params)).rows
    },
    close: () => client.close(),
  }
}
