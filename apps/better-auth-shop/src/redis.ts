/**
 * Redis, for running several instances of the shop behind one address: Better Auth's
 * `secondaryStorage` (`@better-auth/redis-storage`: sessions and Better Auth's rate-limit counts)
 * on one `ioredis` connection.
 * @module
 */
import { redisStorage } from "@better-auth/redis-storage"
import type { SecondaryStorage } from "better-auth"
import { Redis } from "ioredis"

/** A connected Redis and the storage built on it. */
export interface ShopRedis {
  client: Redis
  secondaryStorage: SecondaryStorage
  close(): Promise<void>
}

/**
 * Connects to `url` and waits until Redis answers, so a wrong `REDIS_URL` stops the start with a
 * clear error. While Redis is away later, commands fail at once (no offline queue) and the shop
 * answers 503 instead of hanging.
 */
export async function connectRedis(
  url: string,
  keyPrefix = "better-auth-shop:"
): Promise<ShopRedis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
  })
  // Connection errors are retried by ioredis; without a listener each one would be thrown.
  client.on("error", () => {})
  try {
    await client.connect()
  } catch (error) {
    client.disconnect()
    throw new Error(
      `Could not connect to Redis at REDIS_URL: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    )
  }
  return {
    client,
    secondaryStorage: redisStorage({ client, keyPrefix }),
    async close() {
      await client.quit().catch(() => client.disconnect())
    },
  }
}
