/**
 * Replay guard: one challenge signs in at most once. Single use otherwise rests on Link refusing
 * a spent `client_secret`; this keeps a marker for each finished challenge until the challenge
 * would have expired anyway, in better-auth's secondary storage when the app has one (an atomic
 * `increment`, shared by every instance), else in its verification table (a first-writer-wins
 * reservation). The marker's key is a SHA-256 of the challenge, never the challenge itself.
 *
 * @module
 */
import type { AuthContext } from "better-auth"

const PREFIX = "login-with-link:finished:"

async function markerKey(challenge: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(challenge)
  )
  return (
    PREFIX +
    Array.from(new Uint8Array(digest), (b) =>
      b.toString(16).padStart(2, "0")
    ).join("")
  )
}

/** The guard for one app. `ttlSeconds` covers a challenge's whole life. */
export interface ReplayGuard {
  /** Whether this challenge already signed someone in (checked before any Link call). */
  finished(challenge: string): Promise<boolean>
  /** Mark it finished; `false` when another request got there first. */
  claim(challenge: string): Promise<boolean>
}

export function replayGuard(
  context: AuthContext,
  ttlSeconds: number
): ReplayGuard {
  const storage = context.options.secondaryStorage
  if (storage) {
    return {
      async finished(challenge) {
        const value = await storage.get(await markerKey(challenge))
        return value !== null && value !== undefined
      },
      async claim(challenge) {
        return (
          (await storage.increment(await markerKey(challenge), ttlSeconds)) ===
          1
        )
      },
    }
  }
  const adapter = context.internalAdapter
  // Claims in flight in this process: exact here even on an adapter without the primary-key gate.
  const claiming = new Set<string>()
  return {
    async finished(challenge) {
      return (
        (await adapter.findVerificationValue(await markerKey(challenge))) !==
        null
      )
    },
    async claim(challenge) {
      const identifier = await markerKey(challenge)
      if (claiming.has(identifier)) return false
      claiming.add(identifier)
      try {
        // The primary key makes this atomic across instances on a real database; the look-up
        // first also covers adapters that do not enforce it (better-auth's memory adapter).
        if ((await adapter.findVerificationValue(identifier)) !== null) {
          return false
        }
        return await adapter.reserveVerificationValue({
          identifier,
          value: "1",
          expiresAt: new Date(Date.now() + ttlSeconds * 1000),
        })
      } finally {
        claiming.delete(identifier)
      }
    },
  }
}
