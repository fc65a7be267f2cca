/**
 * The shop's database: an embedded PGlite (Postgres compiled to WebAssembly, installed from npm,
 * nothing to run) by default, or a real Postgres from `DATABASE_URL`. Better Auth's tables are
 * created or brought up to date at start with its own migrations (`getMigrations`), so there is
 * no separate migrate step.
 * @module
 */
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { PGlite } from "@electric-sql/pglite"
import type { BetterAuthOptions } from "better-auth"
import { getMigrations } from "better-auth/db/migration"
import { KyselyPGlite } from "kysely-pglite"
import pg from "pg"

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** A Postgres connection string; without it the embedded PGlite is used. */
  databaseUrl?: string | undefined
  /** PGlite's data directory, or `memory://` for a database that lives as long as the process. */
  pgliteDir?: string | undefined
}

/** An open database, ready to hand to `betterAuth({ database })`. */
export interface ShopDatabase {
  /** `"postgres"` (a server) or `"pglite"` (embedded). */
  kind: "postgres" | "pglite"
  /** Better Auth's `database` option. */
  database: NonNullable<BetterAuthOptions["database"]>
  /**
   * Creates Better Auth's tables and columns that `authOptions` needs and are missing. On Postgres
   * several instances may start at once: a session advisory lock lets one migrate at a time.
   */
  migrate(authOptions: BetterAuthOptions): Promise<void>
  /** A plain SQL query (`$1` parameters), e.g. for a health check or an admin script. */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[]
  ): Promise<T[]>
  close(): Promise<void>
}

/** A fixed key for `pg_advisory_lock`: "lwl-ba-migrate" as a 63-bit number. */
const MIGRATION_LOCK = "7461626c65206d67"

/** Opens the database the options name. */
export async function openDatabase(
  options: DatabaseOptions = {}
): Promise<ShopDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl)
  return openPglite(options.pgliteDir ?? "memory://")
}

async function runMigrations(authOptions: BetterAuthOptions) {
  const { runMigrations } = await getMigrations(authOptions)
  await runMigrations()
}

function openPostgres(connectionString: string): ShopDatabase {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // A request fails after 10 s without a connection instead of waiting forever.
    connectionTimeoutMillis: 10_000,
  })
  let closing = false
  // An idle connection the server drops must not take the process down. (Once the pool is
  // closing, the server's goodbye on a connection still shutting down is no news.)
  pool.on("error", (error) => {
    if (!closing)
      console.error("better-auth-shop: idle Postgres connection failed", error)
  })
  return {
    kind: "postgres",
    database: pool,
    async migrate(authOptions) {
      const client = await pool.connect()
      try {
        await client.query("select pg_advisory_lock($1::bigint)", [
          BigInt(`0x${MIGRATION_LOCK}`).toString(),
        ])
        try {
          await runMigrations({ ...authOptions, database: pool })
        } finally {
          await client.query("select pg_advisory_unlock($1::bigint)", [
            BigInt(`0x${MIGRATION_LOCK}`).toString(),
          ])
        }
      } finally {
        client.release()
      }
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[]
    },
    close() {
      closing = true
      return pool.end()
    },
  }
}

/**
 * Creates a file-system data directory's parents: PGlite makes the directory itself but not the
 * ones above it, and `.data/` is not in a fresh clone. `memory://` and other URLs are left alone.
 */
function prepareDataDir(dataDir: string): void {
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) &&
    !dataDir.startsWith("file://")
  )
    return
  const path = dataDir.startsWith("file://") ? fileURLToPath(dataDir) : dataDir
  mkdirSync(dirname(path), { recursive: true })
}

async function openPglite(dataDir: string): Promise<ShopDatabase> {
  prepareDataDir(dataDir)
  const client = await PGlite.create(dataDir)
  const database = {
    dialect: new KyselyPGlite(client).dialect,
    type: "postgres",
  } as const
  return {
    kind: "pglite",
    database,
    migrate: (authOptions) => runMigrations({ ...authOptions, database }),
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query<T>(sql, params)).rows
    },
    close: () => client.close(),
  }
}
