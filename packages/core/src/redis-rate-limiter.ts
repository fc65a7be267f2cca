/**
 * `RedisRateLimiter`: the provider's {@link RateLimiter} on a shared Redis (or Valkey) store, built
 * on `rate-limiter-flexible`, for shops that run several instances behind one address, and the
 * steps' {@link OnceStore} on the same Redis (finished sessions, cooldowns, wrong codes). Imported from
 * `@login-with-link/core/redis` (or `@login-with-link/provider/redis`), so the main entry keeps
 * no runtime dependency on it.
 *
 * @module
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible"
import { MemoryOnceStore, type OnceStore } from "./once-store.js"
import type {
  RateLimiter,
  RateLimitResult,
  RateLimitRule,
} from "./rate-limit.js"

/** One use of a key: INCR, and on the first use PEXPIRE, in one atomic step. */
const USE_SCRIPT =
  "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n"

/** The two Redis calls the once store makes, as ioredis and node-redis (v4+) spell them. */
interface RedisCalls {
  eval(script: string, key: string, arg: string): Promise<unknown>
  get(key: string): Promise<unknown>
}

function redisCalls(client: unknown, useRedisPackage: boolean): RedisCalls {
  const c = client as {
    eval: (...args: unknown[]) => Promise<unknown>
    get: (key: string) => Promise<unknown>
  }
  return {
    eval: (script, key, arg) =>
      useRedisPackage
        ? c.eval(script, { keys: [key], arguments: [arg] })
        : c.eval(script, 1, key, arg),
    get: (key) => c.get(key),
  }
}

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
   * the provider answers with `link_unavailable` (fail closed). The once store does the same: it
   * remembers in this process's memory while Redis fails, or rejects with `insurance: false`.
   * @default true
   */
  insurance?: boolean
}

/**
 * A {@link RateLimiter} shared by every instance of a shop, on Redis: fixed windows of
 * `rule.windowMs` counted atomically (one Lua `INCRBY` + `PEXPIRE` per consume). Also the steps'
 * {@link OnceStore}, on the same Redis: one `INCR` (+ `PEXPIRE` on the first use) per use, under
 * `<keyPrefix>:once:`.
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
export class RedisRateLimiter implements RateLimiter, OnceStore {
  readonly #options: Required<Omit<RedisRateLimiterOptions, "storeClient">> & {
    storeClient: unknown
  }
  /** One rate-limiter-flexible limiter per rule (points and window). */
  readonly #limiters = new Map<string, RateLimiterRedis>()
  readonly #redis: RedisCalls
  /** Where uses are counted while Redis fails (with `insurance`). */
  readonly #onceInsurance = new MemoryOnceStore()

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
    this.#redis = redisCalls(options.storeClient, this.#options.useRedisPackage)
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

  /** {@link OnceStore.use}: count one use of a key in Redis, kept `ttlMs` from its first use. */
  async use(key: string, ttlMs: number): Promise<number> {
    const ttl = String(Math.max(1, Math.ceil(ttlMs)))
    try {
      const count = Number(
        await this.#redis.eval(USE_SCRIPT, this.#onceKey(key), ttl)
      )
      if (!Number.isInteger(count) || count < 1) {
        throw new Error("Redis answered a use with something else than a count")
      }
      // Uses counted in memory while Redis failed still count.
      return count + (await this.#onceInsurance.uses(key))
    } catch (error) {
      if (this.#options.insurance) return this.#onceInsurance.use(key, ttlMs)
      throw error instanceof Error ? error : new Error(String(error))
    }
  }

  /** {@link OnceStore.uses}: how many times a key was used (0 once it has expired). */
  async uses(key: string): Promise<number> {
    try {
      const value = await this.#redis.get(this.#onceKey(key))
      const count = value === null || value === undefined ? 0 : Number(value)
      if (!Number.isInteger(count) || count < 0) {
        throw new Error("Redis holds something else than a count")
      }
      // Uses counted in memory while Redis failed still count.
      return count + (await this.#onceInsurance.uses(key))
    } catch (error) {
      if (this.#options.insurance) return this.#onceInsurance.uses(key)
      throw error instanceof Error ? error : new Error(String(error))
    }
  }

  #onceKey(key: string): string {
    return `${this.#options.keyPrefix}:once:${key}`
  }
}
