/**
 * Rate limiting: the small {@link RateLimiter} interface the provider calls before each Link call,
 * the limits it applies ({@link DEFAULT_RATE_LIMITS}), and {@link MemoryRateLimiter}, a sliding
 * window counter with bounded memory for a single process. For several instances, implement
 * `RateLimiter` on a shared store (e.g. `rate-limiter-flexible` on Redis).
 *
 * @module
 */

/** One limit: at most `points` consumptions per `windowMs` for a key. */
export interface RateLimitRule {
  points: number
  windowMs: number
}

/** The outcome of {@link RateLimiter.consume}. */
export type RateLimitResult =
  | { allowed: true }
  | {
      allowed: false
      /** Seconds until the key may be consumed again (at least 1). */
      retryAfter: number
    }

/**
 * What the provider needs from a rate limiter: consume one point for a key under a rule. Keys are
 * already namespaced (`link:send:email:<hash>`); emails arrive hashed, never in clear.
 *
 * @example
 * ```ts
 * const limiter: RateLimiter = {
 *   async consume(key, rule) { … return { allowed: true } },
 * }
 * LoginWithLink({ rateLimit: limiter })
 * ```
 */
export interface RateLimiter {
  consume(key: string, rule: RateLimitRule): Promise<RateLimitResult>
}

/** The limits the provider applies, per step, per client IP and per (hashed) email. */
export interface RateLimits {
  /** Email lookups (the start step). @default { points: 30, windowMs: 600_000 } per IP */
  lookupPerIp: RateLimitRule
  /** @default { points: 10, windowMs: 600_000 } per email */
  lookupPerEmail: RateLimitRule
  /** Code sends, start and resend together. @default { points: 20, windowMs: 3_600_000 } per IP */
  sendPerIp: RateLimitRule
  /** @default { points: 5, windowMs: 3_600_000 } per email (matches Link's own budget) */
  sendPerEmail: RateLimitRule
  /** Code attempts (the finish step). @default { points: 60, windowMs: 600_000 } per IP */
  attemptPerIp: RateLimitRule
  /** @default { points: 10, windowMs: 600_000 } per email, across resends */
  attemptPerEmail: RateLimitRule
}

/** The default limits. Per-IP limits apply only when the client IP is known. */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
  lookupPerIp: { points: 30, windowMs: 10 * 60_000 },
  lookupPerEmail: { points: 10, windowMs: 10 * 60_000 },
  sendPerIp: { points: 20, windowMs: 60 * 60_000 },
  sendPerEmail: { points: 5, windowMs: 60 * 60_000 },
  attemptPerIp: { points: 60, windowMs: 10 * 60_000 },
  attemptPerEmail: { points: 10, windowMs: 10 * 60_000 },
})

/** Options of {@link MemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /** Most keys kept; beyond it the least recently used are dropped. @default 10000 */
  maxKeys?: number
  /** The clock, in ms. @default Date.now */
  now?: () => number
}

interface WindowState {
  /** Start of the current fixed window, in ms. */
  start: number
  current: number
  previous: number
  windowMs: number
}

/**
 * An in-memory sliding-window limiter (the fixed-window counter of the current and the previous
 * window, weighted by overlap, as Cloudflare describes it), with at most `maxKeys` keys. One per
 * process: instances of a shop that run side by side need a shared store instead.
 *
 * @example
 * ```ts
 * LoginWithLink({ rateLimit: new MemoryRateLimiter({ maxKeys: 50_000 }) })
 * ```
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, WindowState>()
  readonly #maxKeys: number
  readonly #now: () => number

  constructor(options: MemoryRateLimiterOptions = {}) {
    const maxKeys = options.maxKeys ?? 10_000
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new TypeError("maxKeys: expected a positive integer")
    }
    this.#maxKeys = maxKeys
    this.#now = options.now ?? Date.now
  }

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.#windows.size
  }

  async consume(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const now = this.#now()
    const { points, windowMs } = rule
    let state = this.#windows.get(key)
    if (state) this.#windows.delete(key) // re-inserted below: Map order is recency order
    if (
      !state ||
      state.windowMs !== windowMs ||
      now - state.start >= 2 * windowMs
    ) {
      state = {
        start: now - (now % windowMs),
        current: 0,
        previous: 0,
        windowMs,
      }
    } else if (now - state.start >= windowMs) {
      state = {
        start: state.start + windowMs,
        current: 0,
        previous: state.current,
        windowMs,
      }
    }
    const elapsed = (now - state.start) / windowMs
    const weighted = state.previous * (1 - elapsed) + state.current
    let result: RateLimitResult
    if (weighted + 1 > points) {
      result = { allowed: false, retryAfter: retryAfter(state, points, now) }
    } else {
      state.current += 1
      result = { allowed: true }
    }
    this.#windows.set(key, state)
    this.#evict()
    return result
  }

  #evict(): void {
    while (this.#windows.size > this.#maxKeys) {
      const oldest = this.#windows.keys().next().value
      if (oldest === undefined) return
      this.#windows.delete(oldest)
    }
  }
}

/** Seconds until the weighted count drops enough for one more point. */
function retryAfter(state: WindowState, points: number, now: number): number {
  const { windowMs, previous, current } = state
  const windowEnd = state.start + windowMs
  // Within this window, the previous window's share decays linearly.
  if (previous > 0 && current < points) {
    // previous * (1 - (t - start)/windowMs) + current + 1 <= points
    const t = state.start + windowMs * (1 - (points - current - 1) / previous)
    if (t <= windowEnd) return Math.max(1, Math.ceil((t - now) / 1000))
  }
  // Otherwise: in the next window, this window's count decays in turn.
  const share = current > 0 ? Math.max(0, 1 - (points - 1) / current) : 0
  return Math.max(1, Math.ceil((windowEnd + share * windowMs - now) / 1000))
}
