/**
 * The core's once store on better-auth's own storage: where the steps remember the sessions that
 * signed someone in (so that one challenge signs in at most once, even if Link would accept it
 * twice) and the wrong codes tried on conceal mode's decoys. On `secondaryStorage` when the app has
 * one (an atomic `increment`, shared by every instance), else in the verification table of its
 * database (a first-writer-wins row per use, shared by every instance on a real database).
 *
 * @module
 */
import type { AuthContext, SecondaryStorage } from "better-auth"
import type { OnceStore } from "@login-with-link/core"

const PREFIX = "login-with-link:once:"

/**
 * Uses counted per key in the database: no key is used more than this (Link locks a session after
 * 5 wrong codes; a finished session is used once), so a count stops here.
 */
const MAX_COUNTED_USES = 32

/** The once store on `secondaryStorage`: one atomic `increment` per use, its TTL set on the first. */
export function secondaryStorageOnceStore(
  storage: SecondaryStorage
): OnceStore {
  return {
    async use(key, ttlMs) {
      return storage.increment(
        PREFIX + key,
        Math.max(1, Math.ceil(ttlMs / 1000))
      )
    },
    async uses(key) {
      const value: unknown = await storage.get(PREFIX + key)
      const count = Number(value ?? 0)
      return Number.isFinite(count) ? count : 0
    },
  }
}

/**
 * The once store in better-auth's verification table: the n-th use of a key reserves the row
 * `<key>#<n>` (its primary key makes the reservation atomic across instances), expiring `ttlMs`
 * after the first. Within this process, uses of one key also queue, for adapters that do not
 * enforce primary keys (better-auth's memory adapter).
 */
export function databaseOnceStore(
  adapter: AuthContext["internalAdapter"]
): OnceStore {
  const queues = new Map<string, Promise<unknown>>()
  type Row = Awaited<ReturnType<typeof adapter.findVerificationValue>>
  const isLive = (row: Row) =>
    row !== null && row !== undefined && row.expiresAt > new Date()
  const live = async (identifier: string) =>
    isLive(await adapter.findVerificationValue(identifier))
  /** The uses of a key, and its first row (which holds the expiry of them all). */
  const count = async (key: string): Promise<{ uses: number; first: Row }> => {
    const first = await adapter.findVerificationValue(`${PREFIX}${key}#1`)
    if (!isLive(first)) return { uses: 0, first }
    let uses = 1
    while (
      uses < MAX_COUNTED_USES &&
      (await live(`${PREFIX}${key}#${uses + 1}`))
    )
      uses += 1
    return { uses, first }
  }
  const queued = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = queues.get(key) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.then(
      () => undefined,
      () => undefined
    )
    queues.set(key, settled)
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key)
    })
    return next
  }
  return {
    uses: (key) => queued(key, async () => (await count(key)).uses),
    use: (key, ttlMs) =>
      queued(key, async () => {
        const counted = await count(key)
        let { uses } = counted
        const expiresAt =
          uses > 0 && counted.first
            ? counted.first.expiresAt
            : new Date(Date.now() + ttlMs)
        while (uses < MAX_COUNTED_USES) {
          uses += 1
          const identifier = `${PREFIX}${key}#${uses}`
          const row = { identifier, value: "1", expiresAt }
          if (await adapter.reserveVerificationValue(row)) return uses
          // A row left over from an expired use holds the place: clear it, then try once more.
          if (!(await live(identifier))) {
            await adapter.deleteVerificationByIdentifier(identifier)
            if (await adapter.reserveVerificationValue(row)) return uses
          }
        }
        return MAX_COUNTED_USES + 1
      }),
  }
}

/** The once store for an app: on its secondary storage when it has one, else its database. */
export function betterAuthOnceStore(
  context: Pick<AuthContext, "options" | "internalAdapter">
): OnceStore {
  const storage = context.options.secondaryStorage
  if (storage && context.options.verification?.storeInDatabase !== true) {
    return secondaryStorageOnceStore(storage)
  }
  return databaseOnceStore(context.internalAdapter)
}
