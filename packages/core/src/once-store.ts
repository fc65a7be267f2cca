/**
 * The "once" store, the one replay guard (the `onceStore` option): a count of uses per key that
 * lasts a set time. The sign-in steps keep in it:
 *
 * - the Link verification sessions that have signed someone in (a hash of the `client_secret`),
 *   until every challenge of the session has expired, so that one challenge signs in at most once
 *   even if Link would accept it twice;
 * - each session's last send, for the resend cooldown (real and decoy alike);
 * - each email's consecutive wrong codes (the `failuresPerEmail` lock, keyed by its HMAC);
 * - in conceal mode, the wrong codes tried on each decoy, so that a decoy locks after as many as
 *   a real one does.
 *
 * `MemoryRateLimiter` and `RedisRateLimiter` are also once stores (their own memory, or the same
 * Redis) and the default one; a limiter that is not gets an in-process {@link MemoryOnceStore}.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2"
import { hex } from "./email-digest.js"

/**
 * Count uses of a key for a set time. Keys are already namespaced and hashed
 * (`link:spent:<hash>`); nothing in them is a secret or an email.
 *
 * @example
 * ```ts
 * const first = (await store.use(`link:spent:${id}`, 600_000)) === 1
 * ```
 */
export interface OnceStore {
  /**
   * Count one use of `key`, atomically, and resolve to its uses so far: 1 the first time. The key
   * is kept `ttlMs` from its first use (later uses do not extend it).
   */
  use(key: string, ttlMs: number): Promise<number>
  /** How many times `key` was used: 0 when never, or when it has expired. */
  uses(key: string): Promise<number>
}

/** Whether a value has the two methods of a {@link OnceStore}. */
export function isOnceStore(value: unknown): value is OnceStore {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<OnceStore>).use === "function" &&
    typeof (value as Partial<OnceStore>).uses === "function"
  )
}

/** Options of {@link MemoryOnceStore}. */
export interface MemoryOnceStoreOptions {
  /**
   * The most keys held. Keys are never dropped before they expire: when the store is full of live
   * keys, `use` rejects (the step answers `link_unavailable`) rather than forget a spent session.
   * Keys come only from sign-ins that reached Link, so the default is far above what the limits
   * let through in a key's lifetime.
   * @default 100000
   */
  maxKeys?: number
  /** The clock, in ms. @default Date.now */
  now?: () => number
}

/**
 * A {@link OnceStore} in this process's memory. Instances of a shop that run side by side each
 * remember on their own: with more than one, use the `RedisRateLimiter`, which is also a once store.
 */
export class MemoryOnceStore implements OnceStore {
  readonly #entries = new Map<string, { count: number; expiresAt: number }>()
  readonly #maxKeys: number
  readonly #now: () => number
  /** No key expires before this, so no sweep is needed before it. */
  #nextExpiry = Number.POSITIVE_INFINITY

  constructor(options: MemoryOnceStoreOptions = {}) {
    const maxKeys = options.maxKeys ?? 100_000
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new TypeError("maxKeys: expected a positive integer")
    }
    this.#maxKeys = maxKeys
    this.#now = options.now ?? Date.now
  }

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.#entries.size
  }

  async use(key: string, ttlMs: number): Promise<number> {
    const now = this.#now()
    const entry = this.#entries.get(key)
    if (entry && now < entry.expiresAt) {
      entry.count += 1
      return entry.count
    }
    if (entry) this.#entries.delete(key)
    if (this.#entries.size >= this.#maxKeys) {
      if (now >= this.#nextExpiry) this.#sweep(now)
      if (this.#entries.size >= this.#maxKeys) {
        throw new Error(
          `The once store is full (${this.#maxKeys} live keys): refusing rather than forgetting one`
        )
      }
    }
    const expiresAt = now + Math.max(1, Math.ceil(ttlMs))
    this.#entries.set(key, { count: 1, expiresAt })
    this.#nextExpiry = Math.min(this.#nextExpiry, expiresAt)
    return 1
  }

  async uses(key: string): Promise<number> {
    const entry = this.#entries.get(key)
    if (!entry) return 0
    if (this.#now() >= entry.expiresAt) {
      this.#entries.delete(key)
      return 0
    }
    return entry.count
  }

  #sweep(now: number): void {
    let next = Number.POSITIVE_INFINITY
    for (const [key, entry] of this.#entries) {
      if (now >= entry.expiresAt) this.#entries.delete(key)
      else if (entry.expiresAt < next) next = entry.expiresAt
    }
    this.#nextExpiry = next
  }
}

/** What a once-store key counts. */
export type OnceKind =
  "spent" | "wrong-codes" | "sent" | "failures" | "failures-reset"

const encoder = new TextEncoder()

/**
 * The once-store key of a value: `link:<kind>:` and the first 16 bytes of a SHA-256 of it, in hex.
 * The values hashed are long random strings (a `client_secret`, a decoy's session id) or an
 * email's keyed digest, so the key tells nothing about them, and Redis never holds a secret.
 *
 * The SHA-256 is `@noble/hashes`' synchronous one (the same digest WebCrypto gives, so keys are
 * unchanged): a sign-in takes up to eight keys, and WebCrypto's `digest` is asynchronous, a round
 * trip through Node's thread pool for each, which cost more than the rest of the step's own work.
 */
export function onceKey(kind: OnceKind, value: string): string {
  const digest = sha256(
    encoder.encode(`login-with-link/once/${kind}\0${value}`)
  )
  return `link:${kind}:${hex(digest, 16)}`
}
