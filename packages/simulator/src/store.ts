/**
 * The simulator's memory: people on Link and verification sessions keyed by client_secret.
 * @module
 */
import type { HashedCode } from "./codes.js"
import { linkUserId, normalizeEmail, type Person } from "./people.js"

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

/** A person as stored: the email normalised and the Link user id set. */
export type StoredPerson = Person & { id: string }

/** People on Link, keyed by normalised email (and findable by Link user id). */
export interface PeopleStore {
  get(email: string): StoredPerson | undefined
  /** The person with this Link user id, under whatever email they have now. */
  byId(id: string): StoredPerson | undefined
  /**
   * Adds or replaces a person; the email is normalised. Without an `id`, a person already on Link
   * under that email keeps theirs, and a new one gets {@link linkUserId}. With the `id` of a
   * person under another email, that person's email changes (their id stays).
   */
  put(person: Person): StoredPerson
  list(): StoredPerson[]
  reset(): void
}

/** Creates the people store, seeded with `seed` (and reseeded on reset). */
export function createPeopleStore(seed: readonly Person[]): PeopleStore {
  const people = new Map<string, StoredPerson>()
  const ids = new Map<string, string>()
  const store: PeopleStore = {
    get: (email) => people.get(normalizeEmail(email)),
    byId(id) {
      const email = ids.get(id)
      return email === undefined ? undefined : people.get(email)
    },
    put(person) {
      const email = normalizeEmail(person.email)
      const id = person.id ?? people.get(email)?.id ?? linkUserId(email)
      const previousEmail = ids.get(id)
      if (previousEmail !== undefined && previousEmail !== email)
        people.delete(previousEmail)
      const replaced = people.get(email)
      if (replaced && replaced.id !== id) ids.delete(replaced.id)
      const stored: StoredPerson = { ...person, id, email }
      people.set(email, stored)
      ids.set(id, email)
      return stored
    },
    list: () => [...people.values()],
    reset() {
      people.clear()
      ids.clear()
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
