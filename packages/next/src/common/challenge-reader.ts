/**
 * How the server action reads what the page shows (email, redacted phone, times) out of the sealed
 * challenge: with the same secret and binding as the provider that sealed it. This module is the
 * link between `auth.ts` and the action, and it is explicit in one of two ways:
 *
 * - **An argument**: `linkSignIn(signIn, state, form, { provider: link })`, where `link` is the
 *   `LoginWithLink(...)` of `auth.ts`; the provider object carries its reader
 *   ({@link attachChallengeReader}).
 * - **By id** (the README's block, where the action only has `signIn`): `LoginWithLink()` registers
 *   its reader under its id, and the action looks it up by `options.provider` (default `"link"`);
 *   with none registered, the options come from the environment, as the provider's defaults do.
 *
 * Why a registry at all: next-auth's `signIn` does not expose the config it was made with, and
 * Next.js bundles `auth.ts`, server actions, route handlers and pages separately, so a module-level
 * variable is not one variable (each bundle has its own copy of this module). The registry
 * therefore lives on `globalThis` under a `Symbol.for` key, which every copy shares; it holds
 * readers only (functions closed over the options), never a challenge or a person's data.
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

/** Unseal a challenge (throws the core's `ChallengeError` when refused). */
export type ChallengeReader = (
  challenge: string,
  options?: { allowExpired?: boolean }
) => Promise<ChallengeView>

const REGISTRY = Symbol.for("login-with-link.next.challenge-readers")
const READER = Symbol.for("login-with-link.next.challenge-reader")

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

/** Give the provider object its reader (not enumerable: Auth.js never sees it). */
export function attachChallengeReader(
  provider: object,
  reader: ChallengeReader
): void {
  Object.defineProperty(provider, READER, { value: reader })
}

/** Register the reader of the provider with id `providerId` (the last one made wins). */
export function registerChallengeReader(
  providerId: string,
  reader: ChallengeReader
): void {
  registry().set(providerId, reader)
}

/** A provider as `linkSignIn` is told of it: its id, or the provider object itself. */
export type ProviderRef = string | { id?: string }

/**
 * The provider's id and reader: the object's own reader, else the one registered under its id,
 * else one from the environment. Looked up when a challenge is read (a page without a sign-in in
 * progress needs no options at all).
 */
export function challengeReaderFor(provider: ProviderRef): {
  id: string
  read: ChallengeReader
} {
  const id = (typeof provider === "string" ? provider : provider.id) ?? "link"
  const own =
    typeof provider === "object"
      ? (provider as { [READER]?: ChallengeReader })[READER]
      : undefined
  if (own) return { id, read: own }
  return {
    id,
    read: (challenge, options) => {
      let reader = registry().get(id)
      if (!reader) {
        reader = createChallengeReader()
        registerChallengeReader(id, reader)
      }
      return reader(challenge, options)
    },
  }
}
