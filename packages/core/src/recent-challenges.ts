/**
 * The challenges this process sealed recently, with what they hold, so that the step that gets one
 * back (usually the next request, on the same instance) need not decrypt it: a WebCrypto call on
 * the finish step's critical path. Only an exact match of a string this process produced is
 * recognised, which is what decrypting would have proved; the expiry is checked as decrypting does.
 * Anything else (another instance, an older process, a tampered copy) is decrypted as before.
 * Bounded: the oldest are forgotten first.
 *
 * @module
 */
import { ChallengeError } from "./errors.js"
import type { ChallengePayload } from "./challenge.js"

/** Challenges remembered per sign-in configuration. */
export const RECENT_CHALLENGES = 1000

/** A bounded memory of sealed challenges and their contents. */
export interface RecentChallenges {
  remember(challenge: string, payload: ChallengePayload): void
  /**
   * The payload of a challenge sealed here, or `undefined` when it is not remembered. Throws
   * `LWL_CHALLENGE_EXPIRED` for a remembered one that has expired, as unsealing would.
   */
  recall(challenge: unknown, now?: number): ChallengePayload | undefined
}

/** A memory of at most `max` challenges. */
export function createRecentChallenges(
  max: number = RECENT_CHALLENGES
): RecentChallenges {
  const held = new Map<string, ChallengePayload>()
  return {
    remember(challenge, payload) {
      // What unsealing the challenge gives back: whole seconds for the expiry, no empty fields.
      const stored: ChallengePayload = {
        email: payload.email,
        redactedPhone: payload.redactedPhone,
        expiresAt: Math.floor(payload.expiresAt / 1000) * 1000,
        resendAt: Math.floor(payload.resendAt),
      }
      if (payload.clientSecret !== undefined)
        stored.clientSecret = payload.clientSecret
      if (payload.decoy) stored.decoy = true
      if (payload.emailKey !== undefined) stored.emailKey = payload.emailKey
      held.set(challenge, stored)
      if (held.size > max) {
        const oldest = held.keys().next().value
        if (oldest !== undefined) held.delete(oldest)
      }
    },
    recall(challenge, now = Date.now()) {
      if (typeof challenge !== "string") return undefined
      const payload = held.get(challenge)
      if (!payload) return undefined
      // As the JWT check does: expired once the current second reaches `exp`.
      if (Math.floor(now / 1000) >= payload.expiresAt / 1000) {
        held.delete(challenge)
        throw new ChallengeError(
          "LWL_CHALLENGE_EXPIRED",
          "The challenge has expired"
        )
      }
      return { ...payload }
    },
  }
}
