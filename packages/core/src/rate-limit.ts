/**
 * Rate limiting: the small {@link RateLimiter} interface the provider calls before each Link call,
 * the limits it applies ({@link DEFAULT_RATE_LIMITS}), and {@link MemoryRateLimiter}, a sliding
 * window counter with bounded memory for a single process. For several instances, use the shared
 * `RedisRateLimiter` (or implement `RateLimiter` on another shared store). Both are also the
 * default {@link OnceStore} of the steps (`once-store.ts`).
 *
 * @module
 */
import { MemoryOnceStore, type OnceStore } from "./once-store.js"

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

/**
 * The limits the steps apply: per step, per client IP, per (hashed) email, and in total for the
 * deployment (every instance sharing one limiter, or this instance with the in-memory one). The
 * totals come in two budgets, for requests with a known client IP and without one, so that a flood
 * with no IP (or a source that gives none) cannot lock out clients whose IP is known.
 */
export interface RateLimits {
  /** Email lookups (the start step). @default { points: 30, windowMs: 600_000 } per IP */
  lookupPerIp: RateLimitRule
  /**
   * Lookups per email. Past it, with a `verifyHuman` hook, the start step asks for a human check.
   * @default { points: 10, windowMs: 600_000 }
   */
  lookupPerEmail: RateLimitRule
  /** Lookups in total, of requests with a known client IP. @default { points: 200, windowMs: 60_000 } */
  lookupTotal: RateLimitRule
  /** Lookups in total, of requests with no client IP. @default { points: 200, windowMs: 60_000 } */
  lookupTotalNoIp: RateLimitRule
  /** Code sends, start and resend together. @default { points: 20, windowMs: 3_600_000 } per IP */
  sendPerIp: RateLimitRule
  /**
   * Code sends per email, start and resend together. Below Link's own budget (5 sends per person
   * an hour), so that a stranger's starts leave Link's budget to the person's known device (which
   * counts on a key of its own). Past it, with a `verifyHuman` hook, the start and resend steps
   * ask for a human check instead of refusing.
   * @default { points: 3, windowMs: 3_600_000 }
   */
  sendPerEmail: RateLimitRule
  /** Real code sends in total, with a known client IP. @default { points: 100, windowMs: 60_000 } */
  sendTotal: RateLimitRule
  /** Real code sends in total, with no client IP. @default { points: 100, windowMs: 60_000 } */
  sendTotalNoIp: RateLimitRule
  /**
   * Conceal mode's decoy sends (start and resend of an email not on Link) in total: they send no
   * SMS, so they do not draw on the real send budgets. Past it, decoys are refused as a real send
   * past `sendTotal` is.
   * @default { points: 300, windowMs: 60_000 }
   */
  decoyTotal: RateLimitRule
  /** Code attempts (the finish step). @default { points: 60, windowMs: 600_000 } per IP */
  attemptPerIp: RateLimitRule
  /** @default { points: 10, windowMs: 600_000 } per email, across resends */
  attemptPerEmail: RateLimitRule
  /**
   * Code checks in total that reach Link, with a known client IP; with `attemptTotalNoIp`, at most
   * 200 a minute by default.
   * @default { points: 100, windowMs: 60_000 }
   */
  attemptTotal: RateLimitRule
  /** Code checks in total, with no client IP. @default { points: 100, windowMs: 60_000 } */
  attemptTotalNoIp: RateLimitRule
  /**
   * The lock after consecutive wrong codes for one email, across challenges: after `points`
   * wrong codes with no sign-in in between, code checks and new codes for the email are refused
   * (`too_many_attempts`) until `windowMs` after the first of them (kept in the once store). With
   * a `verifyHuman` hook, a person who passes the check may start again.
   * @default { points: 20, windowMs: 21_600_000 } (6 hours)
   */
  failuresPerEmail: RateLimitRule
}

/**
 * The default limits: the one list of them. Per-IP limits apply only when the client IP is known;
 * per-email and total limits always apply. The totals are checked last, so one client stopped by
 * its own per-IP or per-email limit does not use up everyone's budget.
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
  lookupPerIp: { points: 30, windowMs: 10 * 60_000 },
  lookupPerEmail: { points: 10, windowMs: 10 * 60_000 },
  lookupTotal: { points: 200, windowMs: 60_000 },
  lookupTotalNoIp: { points: 200, windowMs: 60_000 },
  sendPerIp: { points: 20, windowMs: 60 * 60_000 },
  sendPerEmail: { points: 3, windowMs: 60 * 60_000 },
  sendTotal: { points: 100, windowMs: 60_000 },
  sendTotalNoIp: { points: 100, windowMs: 60_000 },
  decoyTotal: { points: 300, windowMs: 60_000 },
  attemptPerIp: { points: 60, windowMs: 10 * 60_000 },
  attemptPerEmail: { points: 10, windowMs: 10 * 60_000 },
  attemptTotal: { points: 100, windowMs: 60_000 },
  attemptTotalNoIp: { points: 100, windowMs: 60_000 },
  failuresPerEmail: { points: 20, windowMs: 6 * 60 * 60_000 },
})

/** Options of {@link MemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /**
   * Keys kept before the store makes room: expired keys go first, then the least used of the
   * least recently used keys under their limit. A key over its limit is never dropped inside its
   * window (that would hand its owner a fresh count), so the store may hold more, up to ten times
   * this; beyond that a new key is refused until a window ends (fail closed).
   * @default 10000
   */
  maxKeys?: number
  /** The clock, in ms. @default Date.now */
  now?: () => number
}

interface WindowState {
  /** Start of the current fixed window, in ms (a multiple of `windowMs`). */
  start: number
  current: number
  previous: number
  windowMs: number
  /** The rule's points, to tell whether the key is over its limit. */
  points: number
}

/** How many of the least recently used keys are compared when one must go. */
const EVICTION_SAMPLE = 16

/** The weighted count of a key at `now`: the previous window's share decays linearly. */
function weightAt(state: WindowState, now: number): number {
  const { start, windowMs, current, previous } = state
  const elapsed = now - start
  if (elapsed >= 2 * windowMs) return 0
  if (elapsed >= windowMs)
    return current * (1 - (elapsed - windowMs) / windowMs)
  return previous * (1 - elapsed / windowMs) + current
}

/** When the key's count has decayed to nothing (its window and the next are over). */
const expiryOf = (state: WindowState) => state.start + 2 * state.windowMs

/** Over its limit: the next consume would be refused. */
const isOverLimit = (state: WindowState, now: number) =>
  weightAt(state, now) + 1 > state.points

/**
 * An in-memory sliding-window limiter (the fixed-window counter of the current and the previous
 * window, weighted by overlap, as Cloudflare describes it), with bounded memory. One per process:
 * instances of a shop that run side by side each count on their own, so with more than one, use
 * the shared `RedisRateLimiter` instead.
 *
 * When the store is full, expired keys go first, then the least used of the
 * {@link EVICTION_SAMPLE} least recently used keys under their limit. A key over its limit stays
 * until its window ends, so flooding the store with fresh keys cannot lift a lock (nor, in
 * practice, reset a count close to its limit).
 *
 * It is also a {@link OnceStore} (the steps' default one: finished sessions, cooldowns, wrong codes), kept apart
 * from the counts and never evicted before a key expires ({@link MemoryOnceStore}).
 *
 * @example
 * ```ts
 * LoginWithLink({ rateLimit: new MemoryRateLimiter({ maxKeys: 50_000 }) })
 * ```
 */
export class MemoryRateLimiter implements RateLimiter, OnceStore {
  /** In recency order: the first key is the least recently used. */
  readonly #windows = new Map<string, WindowState>()
  readonly #once: MemoryOnceStore
  readonly #maxKeys: number
  readonly #hardLimit: number
  readonly #now: () => number
  /** No key expires before this (a lower bound), so no sweep is needed before it. */
  #nextExpiry = Number.POSITIVE_INFINITY

  constructor(options: MemoryRateLimiterOptions = {}) {
    const maxKeys = options.maxKeys ?? 10_000
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new TypeError("maxKeys: expected a positive integer")
    }
    this.#maxKeys = maxKeys
    this.#hardLimit = maxKeys * 10
    this.#now = options.now ?? Date.now
    this.#once = new MemoryOnceStore({ now: this.#now })
  }

  /** {@link OnceStore.use}: count one use of a key, kept `ttlMs` from its first use. */
  use(key: string, ttlMs: number): Promise<number> {
    return this.#once.use(key, ttlMs)
  }

  /** {@link OnceStore.uses}: how many times a key was used (0 once it has expired). */
  uses(key: string): Promise<number> {
    return this.#once.uses(key)
  }

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.#windows.size
  }

  async consume(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const now = this.#now()
    const { points, windowMs } = rule
    let state = this.#windows.get(key)
    if (state) {
      this.#windows.delete(key) // re-inserted below: Map order is recency order
    } else if (this.#windows.size >= this.#maxKeys) {
      this.#makeRoom(now)
      if (this.#windows.size >= this.#hardLimit) {
        // Every key is over its limit: refuse the newcomer rather than lift a lock.
        return {
          allowed: false,
          retryAfter: Math.max(1, Math.ceil((this.#nextExpiry - now) / 1000)),
        }
      }
    }
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
        points,
      }
    } else if (now - state.start >= windowMs) {
      state = {
        start: state.start + windowMs,
        current: 0,
        previous: state.current,
        windowMs,
        points,
      }
    }
    state.points = points
    let result: RateLimitResult
    if (weightAt(state, now) + 1 > points) {
      result = { allowed: false, retryAfter: retryAfter(state, points, now) }
    } else {
      state.current += 1
      result = { allowed: true }
    }
    this.#windows.set(key, state)
    this.#nextExpiry = Math.min(this.#nextExpiry, expiryOf(state))
    return result
  }

  /** Make room for one more key, without ever dropping a key over its limit. */
  #makeRoom(now: number): void {
    if (now >= this.#nextExpiry) this.#sweep(now)
    if (this.#windows.size < this.#maxKeys) return
    // The least used of the least recently used keys under their limit. Keys over their limit met
    // on the way move to the back, so the next search does not walk past them again.
    let victim: string | undefined
    let victimUse = Number.POSITIVE_INFINITY
    let sampled = 0
    const locked: string[] = []
    for (const [key, state] of this.#windows) {
      if (isOverLimit(state, now)) {
        locked.push(key)
        continue
      }
      const use = weightAt(state, now) / state.points
      if (use < victimUse) {
        victim = key
        victimUse = use
      }
      if (++sampled >= EVICTION_SAMPLE) break
    }
    for (const key of locked) {
      const state = this.#windows.get(key)
      if (!state) continue
      this.#windows.delete(key)
      this.#windows.set(key, state)
    }
    if (victim !== undefined) this.#windows.delete(victim)
  }

  /** Drop every expired key. Windows are aligned, so this runs at most once per window boundary. */
  #sweep(now: number): void {
    let next = Number.POSITIVE_INFINITY
    for (const [key, state] of this.#windows) {
      const expiry = expiryOf(state)
      if (now >= expiry) this.#windows.delete(key)
      else if (expiry < next) next = expiry
    }
    this.#nextExpiry = next
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
