/** better-auth's `SecondaryStorage` in memory (what Redis would be), with TTLs, for tests. */
import type { SecondaryStorage } from "better-auth"

export function memoryStorage(): SecondaryStorage & { size(): number } {
  const values = new Map<string, { value: string; expires: number }>()
  const live = (key: string) => {
    const entry = values.get(key)
    if (entry && entry.expires <= Date.now()) values.delete(key)
    return values.get(key)
  }
  return {
    get: (key) => live(key)?.value ?? null,
    getAndDelete(key) {
      const value = live(key)?.value ?? null
      values.delete(key)
      return value
    },
    set(key, value, ttl) {
      values.set(key, {
        value,
        expires: ttl ? Date.now() + ttl * 1000 : Number.POSITIVE_INFINITY,
      })
    },
    delete(key) {
      values.delete(key)
    },
    increment(key, ttl) {
      const entry = live(key)
      const next = entry ? Number(entry.value) + 1 : 1
      values.set(key, {
        value: String(next),
        expires: entry ? entry.expires : Date.now() + ttl * 1000,
      })
      return next
    },
    size: () => values.size,
  }
}
