#!/usr/bin/env node
/**
 * Starts the shop from the environment (see ./config.ts).
 * @module
 */
import { loadShopConfig } from "./config.js"
import { startShop } from "./server.js"

try {
  const config = loadShopConfig(process.env)
  const shop = await startShop(config)
  const database =
    shop.database.kind === "postgres"
      ? "Postgres (DATABASE_URL)"
      : `PGlite in ${config.pgliteDir}`
  console.log(
    `better-auth-shop: ${shop.url} (mode ${config.mode}; ${database}${shop.redis ? "; Redis" : ""})`
  )
  const stop = () => void shop.close().then(() => process.exit(0))
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
} catch (error) {
  console.error(
    `better-auth-shop: ${error instanceof Error ? error.message : String(error)}`
  )
  process.exit(1)
}
