/**
 * The app's server: Better Auth under /api/auth, and in production the built pages (`dist/`),
 * with index.html for every other path (the pages route in the browser). Better Auth's tables are
 * created or brought up to date at start, with its own migrations.
 * @module
 */
import { serve } from "@hono/node-server"
import { getConnInfo } from "@hono/node-server/conninfo"
import { serveStatic } from "@hono/node-server/serve-static"
import { getMigrations } from "better-auth/db/migration"
import { Hono } from "hono"
import { auth, CLIENT_IP_HEADER } from "./auth.ts"

const { runMigrations } = await getMigrations(auth.options)
await runMigrations()

const app = new Hono()
app.on(["GET", "POST"], "/api/auth/*", (c) => {
  // Behind a proxy, set this from the proxy's X-Forwarded-For instead.
  const request = new Request(c.req.raw)
  request.headers.set(CLIENT_IP_HEADER, getConnInfo(c).remote.address ?? "")
  return auth.handler(request)
})
app.all("/api/*", (c) => c.json({ error: "not_found" }, 404))
app.use("/assets/*", serveStatic({ root: "./dist" }))
app.get("*", serveStatic({ root: "./dist", path: "index.html" }))

const port = Number(process.env.PORT ?? 3001)
const hostname = process.env.HOST ?? "127.0.0.1"
serve({ fetch: app.fetch, port, hostname }, () => {
  console.log(`Listening on http://${hostname}:${port}`)
})
