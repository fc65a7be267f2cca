/**
 * `RedisRateLimiter`: the provider's {@link RateLimiter} on a shared Redis (or Valkey) store, built
 * on `rate-limiter-flexible`, for shops that run several instances behind one address. Imported
 * from `@login-with-link/provider/redis`, so the main entry keeps no runtime dependency on it.
 *
 * @module
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible"
import type {
  RateLimiter,
  RateLimitResult,
  RateLimitRule,
} from "./rate-limit.js"

/** Options of {@link RedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /**
   * A connected `ioredis` client (or a `redis` v4+ client with `useRedisPackage: true`). Create it
   * with `enableOfflineQueue: false`, so a call fails at once while Redis is away instead of
   * waiting in a queue (rate-limiter-flexible's own advice).
   */
  storeClient: unknown
  /** Set for a `redis` (node-redis) v4+ client. @default false */
  useRedisPackage?: boolean
  /** Prefix of every Redis key this limiter writes. @default "lwl-rl" */
  keyPrefix?: string
  /**
   * While Redis fails or is not ready, count in this process's memory (rate-limiter-flexible's
   * insurance limiter) rather than failing the sign-in. `false` makes a store failure reject, which
   * the provider answers with `link_unavailable` (fail closed).
   * @default true
   */
  insurance?: boolean
}

/**
 * A {@link RateLimiter} shared by every instance of a shop, on Redis: fixed windows of
 * `rule.windowMs` counted atomically (one Lua `INCRBY` + `PEXPIRE` per consume).
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis"
 * import LoginWithLink from "@login-with-link/provider"
 * import { RedisRateLimiter } from "@login-with-link/provider/redis"
 *
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false })
 * LoginWithLink({ rateLimit: new RedisRateLimiter({ storeClient: redis }) })
 * ```
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #options: Required<Omit<RedisRateLimiterOptions, "storeClient">> & {
    storeClient: unknown
  }
  /** One rate-limiter-flexible limiter per rule (points and window). */
  readonly #limiters = new Map<string, RateLimiterRedis>()

  constructor(options: RedisRateLimiterOptions) {
    if (
      typeof options !== "object" ||
      options === null ||
      typeof options.storeClient !== "object" ||
      options.storeClient === null
    ) {
      throw new TypeError(
        'RedisRateLimiter: option "storeClient" must be a Redis client (ioredis or redis)'
      )
    }
    const keyPrefix = options.keyPrefix ?? "lwl-rl"
    if (typeof keyPrefix !== "string" || !/^[\w:.-]{1,64}$/.test(keyPrefix)) {
      throw new TypeError(
        'RedisRateLimiter: option "keyPrefix" must be 1 to 64 letters, digits, _ : . or -'
      )
    }
    this.#options = {
      storeClient: options.storeClient,
      useRedisPackage: options.useRedisPackage ?? false,
      keyPrefix,
      insurance: options.insurance ?? true,
    }
  }

  #limiter(rule: RateLimitRule): RateLimiterRedis {
    const points = Math.max(1, Math.floor(rule.points))
    const duration = Math.max(1, Math.ceil(rule.windowMs / 1000))
    const id = `${points}/${duration}`
    let limiter = this.#limiters.get(id)
    if (!limiter) {
      const { storeClient, useRedisPackage, keyPrefix, insurance } =
        this.#options
      limiter = new RateLimiterRedis({
        storeClient,
        useRedisPackage,
        // The rule is part of the key: a changed limit starts a fresh count.
        keyPrefix: `${keyPrefix}:${id}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        ...(insurance && {
          insuranceLimiter: new RateLimiterMemory({ points, duration }),
        }),
      })
      this.#limiters.set(id, limiter)
    }
    return limiter
  }

  async consume(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    try {
      await this.#limiter(rule).consume(key, 1)
      return { allowed: true }
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return {
          allowed: false,
          retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        }
      }
      // A store failure (insurance off): the provider turns it into link_unavailable.
      throw rejection instanceof Error
        ? rejection
        : new Error(String(rejection))
    }
  }
}
