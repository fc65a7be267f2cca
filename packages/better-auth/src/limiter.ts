/**
 * The core's rate limiter on better-auth's secondary storage (e.g. Redis), so that the per-email
 * and per-IP limits are shared by every instance of the app. Used by default when the app has
 * secondary storage; otherwise the core's in-memory limiter applies (one process). It is also the
 * core's once store (finished sessions, conceal mode's decoy attempts), on the same storage.
 *
 * @module
 */
import type { SecondaryStorage } from "better-auth"
import type { OnceStore, RateLimiter } from "@login-with-link/core"
import { secondaryStorageOnceStore } from "./once-store.js"

/**
 * A fixed-window limiter on `secondaryStorage.increment` (atomic, with the TTL set when the key is
 * created). A refusal's `retryAfter` is the whole window: the storage does not say how much of it
 * is left.
 */
export function secondaryStorageRateLimiter(
  storage: SecondaryStorage
): RateLimiter & OnceStore {
  return {
    ...secondaryStorageOnceStore(storage),
    async consume(key, rule) {
      const window = Math.max(1, Math.ceil(rule.windowMs / 1000))
      const count = await storage.increment(
        `login-with-link:limit:${key}`,
        window
      )
      return count <= rule.points
        ? { allowed: true }
        : { allowed: false, retryAfter: window }
    },
  }
}
