/**
 * The simulator's memory: people on Link and verification sessions keyed by client_secret.
 * @module
 */
import type { HashedCode } from "./codes.js"
import { normalizeEmail, type Person } from "./people.js"

/**
 * A session's state. `CREATED` *(ours)*: looked up, no code sent yet; the others are Stripe's
 * verification states.
 */
export type SessionState =
  "CREATED" | "STARTED" | "VERIFIED" | "FAILED" | "EXPIRED"

/** A verification session, bound to one email and one publishable key. */
export interface Session {
  email: string
  key: string
  testMode: boolean
  state: SessionState
  expiresAt: number
  attempts: number
  code?: HashedCode | undefined
  /** The code that verified the session, kept only for the `accept_spent` fault. */
  spentCode?: HashedCode | undefined
  codeExpiresAt?: number | undefined
  lastSendAt?: number | undefined
}

/** People on Link, keyed by normalised email. */
export interface PeopleStore {
  get(email: string): Person | undefined
  /** Adds or replaces a person; the email is normalised. */
  put(person: Person): Person
  list(): Person[]
  reset(): void
}

/** Creates the people store, seeded with `seed` (and reseeded on reset). */
export function createPeopleStore(seed: readonly Person[]): PeopleStore {
  const people = new Map<string, Person>()
  const store: PeopleStore = {
    get: (email) => people.get(normalizeEmail(email)),
    put(person) {
      const stored = { ...person, email: normalizeEmail(person.email) }
      people.set(stored.email, stored)
      return stored
    },
    list: () => [...people.values()],
    reset() {
      people.clear()
      for (const p of seed) store.put(p)
    },
  }
  store.reset()
  return store
}

/** Sessions keyed by client_secret. */
export interface SessionStore {
  get(secret: string): Session | undefined
  create(secret: string, session: Session, now: number): void
  /** Every session with its client_secret, oldest first (for the control API). */
  list(): (Session & { clientSecret: string })[]
  clear(): void
  readonly size: number
}

/** Creates the session store; sessions past their expiry are swept as new ones arrive. */
export function createSessionStore(): SessionStore {
  const sessions = new Map<string, Session>()
  return {
    get: (secret) => sessions.get(secret),
    create(secret, session, now) {
      // Every session lives sessionTtlMs and the clock never goes back, so insertion order is
      // expiry order: drop expired sessions from the oldest end, stop at the first live one.
      for (const [s, v] of sessions) {
        if (v.expiresAt > now) break
        sessions.delete(s)
      }
      sessions.set(secret, session)
    },
    list: () =>
      [...sessions].map(([clientSecret, session]) => ({
        ...session,
        clientSecret,
      })),
    clear: () => sessions.clear(),
    get size() {
      return sessions.size
    },
  }
}
