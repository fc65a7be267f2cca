import type { NextConfig } from "next"

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly Postgres from its own package folder at run time: leave it (and
  // the Kysely dialect over it) unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "kysely-pglite"],
}

export default nextConfig
