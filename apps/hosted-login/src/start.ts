/**
 * Starting the page from its configuration, as `bin.ts` does. With `HOSTED_LOGIN_REDIS_URL`, one
 * Redis connection carries oidc-provider's storage (sessions, interactions, codes, grants), the
 * Link steps' rate limits and their once store (finished challenges, decoy attempts): instances
 * that share it share one budget of guesses and sends, not one each.
 * @module
 */
import { Redis } from "ioredis"
import { RedisRateLimiter } from "@login-with-link/core/redis"
import type { HostedLoginConfig } from "./config.js"
import {
  startHostedLogin,
  type RunningHostedLogin,
  type StartHostedLoginOptions,
} from "./server.js"
import { createRedisStorage } from "./storage/redis.js"

/** Options of {@link startFromConfig}: anything to set beyond the configuration (tests, embedding). */
export type StartFromConfigOptions = Partial<StartHostedLoginOptions>

/** A page started from its configuration. */
export interface RunningFromConfig extends RunningHostedLogin {
  /** The shared Redis connection, when `redisUrl` is set. Closed by `close()`. */
  redis: Redis | undefined
}

/**
 * The Link steps' shared stores on a Redis connection: the rate limiter and the once store, both
 * one `RedisRateLimiter` of `@login-with-link/core/redis` (under its own key prefix).
 */
export function redisSignInStores(redis: Redis): {
  rateLimit: RedisRateLimiter
  onceStore: RedisRateLimiter
} {
  const store = new RedisRateLimiter({ storeClient: redis })
  return { rateLimit: store, onceStore: store }
}

/**
 * Starts the page as the configuration says, on one Redis connection when `redisUrl` is set.
 *
 * @example
 * const login = await startFromConfig(loadConfig(process.env))
 */
export async function startFromConfig(
  config: HostedLoginConfig,
  options: StartFromConfigOptions = {}
): Promise<RunningFromConfig> {
  let redis: Redis | undefined
  if (config.redisUrl) {
    // Calls fail at once while Redis is away rather than queue (rate-limiter-flexible's advice);
    // so the connection is made before the page starts.
    redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      lazyConnect: true,
    })
    try {
      await redis.connect()
    } catch (error) {
      redis.disconnect()
      throw new Error(
        `cannot connect to HOSTED_LOGIN_REDIS_URL: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error }
      )
    }
  }
  try {
    const login = await startHostedLogin({
      port: config.port,
      hostname: config.hostname,
      issuer: config.issuer,
      clients: config.clients,
      secrets: config.secrets,
      trustProxy: config.trustProxy,
      proxyHops: config.proxyHops,
      emailVerified: config.emailVerified,
      ...options,
      ...(redis
        ? {
            storage: createRedisStorage(redis),
            link: { ...options.link, ...redisSignInStores(redis) },
          }
        : {}),
    })
    return {
      ...login,
      redis,
      async close() {
        await login.close()
        await redis?.quit().catch(() => redis?.disconnect())
      },
    }
  } catch (error) {
    redis?.disconnect()
    throw error
  }
}
