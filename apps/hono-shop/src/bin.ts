#!/usr/bin/env node
/**
 * Starts the Corner Store from the environment (see ./config.ts).
 * @module
 */
import { loadShopConfig } from "./config.js"
import { startShop } from "./server.js"

try {
  const config = loadShopConfig(process.env)
  const shop = await startShop(config)
  console.log(
    `hono-shop: ${shop.url} (signs in through ${config.mode === "oauth" ? `Link's OAuth page, ${config.oauth.loginUrl ?? "https://login.link.com"}` : config.issuer})`
  )
  const stop = () => void shop.close().then(() => process.exit(0))
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
} catch (error) {
  console.error(
    `hono-shop: ${error instanceof Error ? error.message : String(error)}`
  )
  process.exit(1)
}
