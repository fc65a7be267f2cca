/**
 * What the steps remember of each Link verification session (a real `client_secret`, or a decoy's
 * session id), in the once store: its last send (the resend cooldown, per session, for real and
 * decoy alike), whether it signed someone in (each session signs in at most once), and the wrong
 * codes tried (a decoy locks as Link locks a real session; for a real one, when Link does not say
 * how many tries are left, the count says it). Keys are hashes of the session, never the secret
 * itself.
 *
 * @module
 */
import { onceKey, type OnceStore } from "./once-store.js"

/** Wrong codes Link allows per verification session (the simulator's `maxAttempts`). */
export const LINK_MAX_ATTEMPTS = 5
/** How long a Link verification session lives after the lookup (the simulator's `sessionTtlMs`). */
export const LINK_SESSION_TTL_MS = 30 * 60_000

/** The once-store facts of the sessions of one configuration. */
export interface Sessions {
  /** Whether the session was sent a code less than the cooldown ago. */
  coolingDown(session: string): Promise<boolean>
  /** Note a send; `false` when another send of the session got there first, inside the cooldown. */
  sent(session: string): Promise<boolean>
  /** Whether the session has signed someone in. */
  spent(session: string): Promise<boolean>
  /** Note a sign-in; `false` when the session had already signed someone in. */
  spend(session: string): Promise<boolean>
  /** Wrong codes tried on the session. */
  wrongCodes(session: string): Promise<number>
  /** Count a wrong code tried on the session; resolves to the count, this one included. */
  wrongCode(session: string): Promise<number>
}

/** The sessions of one configuration, remembered in `store`. */
export function createSessions(
  store: OnceStore,
  options: { resendCooldownMs: number; spentTtlMs: number }
): Sessions {
  const { resendCooldownMs, spentTtlMs } = options
  return {
    async coolingDown(session) {
      if (resendCooldownMs <= 0) return false
      return (await store.uses(onceKey("sent", session))) > 0
    },
    async sent(session) {
      if (resendCooldownMs <= 0) return true
      return (await store.use(onceKey("sent", session), resendCooldownMs)) === 1
    },
    async spent(session) {
      return (await store.uses(onceKey("spent", session))) > 0
    },
    async spend(session) {
      return (await store.use(onceKey("spent", session), spentTtlMs)) === 1
    },
    async wrongCodes(session) {
      return store.uses(onceKey("wrong-codes", session))
    },
    async wrongCode(session) {
      return store.use(onceKey("wrong-codes", session), LINK_SESSION_TTL_MS)
    },
  }
}
