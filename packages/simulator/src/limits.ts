/**
 * Request budgets: a fixed one-minute window per STRIPE_PUBLIC_KEY and per client IP, and the
 * rolling hourly cap on codes sent to one person.
 * @module
 */

/** A per-minute request budget keyed by a string (a key or an IP). */
export interface Budget {
  /** Counts one request; returns the seconds to wait when over budget, else undefined. */
  take(id: string, now: number): number | undefined
  clear(): void
}

const MINUTE = 60_000
const HOUR = 3_600_000

/** Creates a fixed-window budget of `limit` requests per minute per id. */
export function createBudget(limit: number): Budget {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    take(id, now) {
      const start = now - (now % MINUTE)
      let w = windows.get(id)
      if (!w || w.start !== start) {
        if (windows.size > 10_000) windows.clear()
        w = { start, count: 0 }
        windows.set(id, w)
      }
      if (w.count >= limit) return (start + MINUTE - now) / 1000
      w.count += 1
      return undefined
    },
    clear: () => windows.clear(),
  }
}

/** The hourly send cap per person. */
export interface SendCap {
  /** Seconds until a send is allowed again, or undefined when one is allowed now. */
  check(email: string, now: number): number | undefined
  record(email: string, now: number): void
  clear(): void
}

/** Creates a rolling-hour cap of `limit` sends per person. */
export function createSendCap(limit: number): SendCap {
  const sends = new Map<string, number[]>()
  const recent = (email: string, now: number) =>
    (sends.get(email) ?? []).filter((t) => t > now - HOUR)
  return {
    check(email, now) {
      const times = recent(email, now)
      sends.set(email, times)
      if (times.length < limit) return undefined
      const oldest = times[times.length - limit] ?? now
      return (oldest + HOUR - now) / 1000
    },
    record(email, now) {
      sends.set(email, [...recent(email, now), now])
    },
    clear: () => sends.clear(),
  }
}
