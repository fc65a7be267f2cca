/**
 * A bounded list of the newest values: a ring buffer, so adding one is O(1) however full it is.
 * @module
 */

/** The newest `limit` values added, oldest first. */
export interface Recent<T> {
  add(value: T): void
  /** A copy of the values, oldest first. */
  toArray(): T[]
}

/** Creates an empty {@link Recent} that keeps at most `limit` values. */
export function createRecent<T>(limit: number): Recent<T> {
  const items: T[] = []
  // Once full, the slot of the oldest value, which the next one overwrites.
  let oldest = 0
  return {
    add(value) {
      if (items.length < limit) {
        items.push(value)
        return
      }
      items[oldest] = value
      oldest = (oldest + 1) % limit
    },
    toArray: () => [...items.slice(oldest), ...items.slice(0, oldest)],
  }
}
