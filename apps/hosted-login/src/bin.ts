#!/usr/bin/env node
/**
 * `hosted-login`: starts the hosted Login with Link page from the environment (see ./config.ts).
 * @module
 */
import { Redis } from "ioredis"
import { loadConfig } from "./config.js"
import { startHostedLogin } from "./server.js"
import { createRedisStorage } from "./storage/redis.js"

try {
  const config = loadConfig(process.env)
  const redis = config.redisUrl ? new Redis(config.redisUrl) : undefined
  const login = await startHostedLogin({
    port: config.port,
    hostname: config.hostname,
    issuer: config.issuer,
    clients: config.clients,
    secrets: config.secrets,
    trustProxy: config.trustProxy,
    emailVerified: config.emailVerified,
    ...(redis ? { storage: createRedisStorage(redis) } : {}),
  })
  console.log(
    `hosted-login: issuer ${login.url} (${config.clients.length} client${config.clients.length === 1 ? "" : "s"}, ${redis ? "Redis" : "in-memory"} storage)`
  )
  if (config.dev)
    console.warn(
      "hosted-login: DEVELOPMENT MODE (HOSTED_LOGIN_DEV=1): clients and secrets may be the public development ones. Never expose this instance."
    )
  const stop = async () => {
    await login.close()
    redis?.disconnect()
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
