/**
 * `@login-with-link/provider/redis`: the Redis rate limiter of `@login-with-link/core/redis`.
 *
 * @module
 */
export { RedisRateLimiter } from "@login-with-link/core/redis"
export type { RedisRateLimiterOptions } from "@login-with-link/core/redis"
