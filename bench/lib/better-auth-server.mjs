/**
 * A better-auth 1.7 server in its own process, for figure 11: email and password plus the Login
 * with Link plugin, on one database (Postgres as PGlite, in-process WASM, better-auth's own
 * migrations), served by Node's `http` through better-auth's `toNodeHandler` on 127.0.0.1 and a
 * free port. The plugin talks to the simulator at the `apiUrl` given (its own process).
 *
 *   node better-auth-server.mjs '{"apiUrl":"http://127.0.0.1:4010/api"}'
 *
 * Prints `{"ready":true,"url":...}` once listening; stops on SIGTERM.
 * @module
 */
import { createServer } from "node:http"
import { loginWithLink } from "@login-with-link/better-auth"
import { betterAuth } from "better-auth"
import { getMigrations } from "better-auth/db/migration"
import { toNodeHandler } from "better-auth/node"
import { Kysely } from "kysely"
import { KyselyPGlite } from "kysely-pglite"
import { corePackage, GENEROUS, PUBLISHABLE_KEY, SECRET } from "./link.mjs"

const { apiUrl } = JSON.parse(process.argv[2] ?? "{}")
if (typeof apiUrl !== "string") {
  console.error("better-auth-server: no apiUrl")
  process.exit(2)
}

const server = createServer()
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(0)))
const address = server.address()
const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`

const { dialect, client } = new KyselyPGlite()
const db = new Kysely({ dialect })
const auth = betterAuth({
  baseURL: url,
  secret: SECRET,
  database: { db, type: "postgres" },
  logger: { disabled: true },
  // better-auth's own limiter would refuse a benchmark; both sides run without it.
  rateLimit: { enabled: false },
  emailAndPassword: { enabled: true },
  plugins: [
    loginWithLink({
      publishableKey: PUBLISHABLE_KEY,
      apiUrl,
      // Every limit (per IP, per email, deployment-wide) out of reach: the real work, no refusal.
      rateLimits: Object.fromEntries(
        Object.keys(corePackage.DEFAULT_RATE_LIMITS).map((rule) => [
          rule,
          GENEROUS,
        ])
      ),
    }),
  ],
})
const { runMigrations } = await getMigrations(auth.options)
await runMigrations()
server.on("request", toNodeHandler(auth))

console.log(JSON.stringify({ ready: true, url }))
process.once("SIGTERM", () => {
  server.closeAllConnections()
  server.close(() => {
    void db
      .destroy()
      .then(() => client.close())
      .catch(() => {})
      .finally(() => process.exit(0))
  })
})
