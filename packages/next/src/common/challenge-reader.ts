/**
 * Reading what the page shows (email, redacted phone, times) out of the sealed challenge, with
 * the same secret and binding as the provider that sealed it. `LoginWithLink()` from
 * `@login-with-link/next/provider` registers its reader under its provider id; without one (the
 * provider was made elsewhere) the options come from the environment, as the provider's defaults do.
 * The registry lives on `globalThis` under a `Symbol.for` key, so it is shared however many times a
 * bundler copies this module (server actions, route handlers and pages are separate bundles).
 *
 * @module
 */
import {
  readChallengeView,
  resolveOptions,
  type ChallengeView,
} from "@login-with-link/core"
import type { LoginWithLinkOptions } from "@login-with-link/provider"

export type { ChallengeView }

/** Unseal a challenge (throws the provider's `ChallengeError` when refused). */
export type ChallengeReader = (
  challenge: string,
  options?: { allowExpired?: boolean }
) => Promise<ChallengeView>

const REGISTRY = Symbol.for("login-with-link.next.challenge-readers")

function registry(): Map<string, ChallengeReader> {
  const holder = globalThis as { [REGISTRY]?: Map<string, ChallengeReader> }
  holder[REGISTRY] ??= new Map()
  return holder[REGISTRY]
}

/** A reader for challenges sealed by a provider made with `options`. */
export function createChallengeReader(
  options: LoginWithLinkOptions = {}
): ChallengeReader {
  // No limiter: reading makes no Link call.
  const resolved = resolveOptions({ ...options, rateLimit: false })
  return (challenge, options) => readChallengeView(challenge, resolved, options)
}

/** Register the reader of the provider with id `providerId` (the last one made wins). */
export function registerChallengeReader(
  providerId: string,
  reader: ChallengeReader
): void {
  registry().set(providerId, reader)
}

/** The reader for `providerId`: the registered one, else one from the environment. */
export function challengeReader(providerId: string): ChallengeReader {
  const registered = registry().get(providerId)
  if (registered) return registered
  const fromEnv = createChallengeReader()
  registerChallengeReader(providerId, fromEnv)
  return fromEnv
}
