#!/usr/bin/env node
/**
 * `hosted-login`: starts the hosted Login with Link page from the environment (see ./config.ts
 * and ./start.ts).
 * @module
 */
import { loadConfig } from "./config.js"
import { startFromConfig } from "./start.js"

try {
  const config = loadConfig(process.env)
  const login = await startFromConfig(config)
  console.log(
    `hosted-login: issuer ${login.url} (${config.clients.length} client${config.clients.length === 1 ? "" : "s"}, ${login.redis ? "Redis: storage, rate limits and once store shared" : "in-memory storage and limits: one instance only"}; client IP from ${config.trustProxy ? `X-Forwarded-For, ${config.proxyHops} proxy hop${config.proxyHops === 1 ? "" : "s"}` : "the connection"})`
  )
  if (config.dev)
    console.warn(
      "hosted-login: DEVELOPMENT MODE (HOSTED_LOGIN_DEV=1): clients and secrets may be the public development ones. Never expose this instance."
    )
  const stop = async () => {
    await login.close()
    process.exit(0)
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
} catch (error) {
  console.error(
    `hosted-login: ${error instanceof Error ? error.message : String(error)}`
  )
  process.exit(1)
}
