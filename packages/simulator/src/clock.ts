/**
 * The simulator's clock: real time plus an offset that tests move forward, or a frozen time that
 * moves only when told to (so limits can be tested at the exact millisecond).
 * @module
 */

/** A clock that the control API and tests can move. */
export interface SimulatorClock {
  /** Milliseconds since the epoch, as the simulator sees them. */
  now(): number
  /** Moves the clock forward by `ms` (never backwards). */
  advance(ms: number): void
  /** Back to the starting point: real time, or the frozen start time. */
  reset(): void
}

/**
 * Creates a clock. With `startAt` the clock is frozen at that instant and moves only through
 * `advance()`; without it, it follows `Date.now()` plus the total advanced.
 * @example
 * const clock = createClock(Date.UTC(2026, 0, 1))
 * clock.advance(1000)
 */
export function createClock(startAt?: number): SimulatorClock {
  let offset = 0
  return {
    now: () => (startAt ?? Date.now()) + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(
          "advance() takes a non-negative number of milliseconds"
        )
      offset += ms
    },
    reset() {
      offset = 0
    },
  }
}
