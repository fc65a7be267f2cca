/**
 * What the server action needs of the provider's options: reading what the page shows (email,
 * redacted phone, times) out of the sealed challenge, and, after a sign-in, the browser's
 * known-device token; both with the same secret and binding as the provider that sealed the
 * challenge. This module is the link between `auth.ts` and the action, and it is explicit in one
 * of two ways:
 *
 * - **An argument**: `linkSignIn(signIn, state, form, { provider: link })`, where `link` is the
 *   `LoginWithLink(...)` of `auth.ts`; the provider object carries its reader
 *   ({@link attachProviderReader}).
 * - **By id** (the README's block, where the action only has `signIn`): `LoginWithLink()` registers
 *   its reader under its id, and the action looks it up by `options.provider` (default `"link"`);
 *   with none registered, the options come from the environment, as the provider's defaults do.
 *
 * Why a registry at all: next-auth's `signIn` does not expose the config it was made with, and
 * Next.js bundles `auth.ts`, server actions, route handlers and pages separately, so a module-level
 * variable is not one variable (each bundle has its own copy of this module). The registry
 * therefore lives on `globalThis` under a `Symbol.for` key, which every copy shares; it holds
 * readers only (functions closed over the options), never a challenge, a token or a person's data.
 *
 * @module
 */
import {
  createLinkSignIn,
  readChallengeView,
  resolveOptions,
  type ChallengeView,
  type LinkSignIn,
} from "@login-with-link/core"
import type { LoginWithLinkOptions } from "@login-with-link/provider"

export type { ChallengeView }

/** Unseal a challenge (throws the core's `ChallengeError` when refused). */
export type ChallengeReader = (
  challenge: string,
  options?: { allowExpired?: boolean }
) => Promise<ChallengeView>

/** What the action reads and issues with one provider's options. */
export interface ProviderReader {
  /** What the page shows of a challenge this provider sealed. */
  read: ChallengeReader
  /**
   * A known-device token for the browser where `email` just signed in (`previous`: its cookie as
   * it was, whose device id is kept), or `undefined` when known devices are off.
   */
  knownDevice: LinkSignIn["knownDevice"]
  /** Seconds the token lives: the cookie's `maxAge` (`knownDeviceMaxAge`). */
  knownDeviceMaxAge: number
}

// "v2": the registered value became a ProviderReader (an older copy of this package registered bare
// challenge readers under the previous key).
const REGISTRY = Symbol.for("login-with-link.next.provider-readers.v2")
const READER = Symbol.for("login-with-link.next.provider-reader.v2")

function registry(): Map<string, ProviderReader> {
  const holder = globalThis as { [REGISTRY]?: Map<string, ProviderReader> }
  holder[REGISTRY] ??= new Map()
  return holder[REGISTRY]
}

/** The reader of a provider made with `options`. */
export function createProviderReader(
  options: LoginWithLinkOptions = {}
): ProviderReader {
  // No limiter: reading makes no Link call, and a token is issued only after a sign-in that the
  // provider's own steps limited.
  const resolved = resolveOptions({ ...options, rateLimit: false })
  let steps: LinkSignIn | undefined
  return {
    read: (challenge, options) =>
      readChallengeView(challenge, resolved, options),
    knownDevice: (email, previous) => {
      // Made at the first sign-in, not with the provider (most renders never need it).
      steps ??= createLinkSignIn(resolved)
      return steps.knownDevice(email, previous)
    },
    knownDeviceMaxAge: resolved.knownDeviceMaxAge,
  }
}

/** Give the provider object its reader (not enumerable: Auth.js never sees it). */
export function attachProviderReader(
  provider: object,
  reader: ProviderReader
): void {
  Object.defineProperty(provider, READER, { value: reader })
}

/** Register the reader of the provider with id `providerId` (the last one made wins). */
export function registerProviderReader(
  providerId: string,
  reader: ProviderReader
): void {
  registry().set(providerId, reader)
}

/** A provider as `linkSignIn` is told of it: its id, or the provider object itself. */
export type ProviderRef = string | { id?: string }

/**
 * The provider's id and reader: the object's own reader, else the one registered under its id,
 * else one from the environment. Looked up when it is first used (a page without a sign-in in
 * progress needs no options at all).
 */
export function providerReaderFor(provider: ProviderRef): {
  id: string
  reader: ProviderReader
} {
  const id = (typeof provider === "string" ? provider : provider.id) ?? "link"
  const own =
    typeof provider === "object"
      ? (provider as { [READER]?: ProviderReader })[READER]
      : undefined
  if (own) return { id, reader: own }
  const current = (): ProviderReader => {
    let reader = registry().get(id)
    if (!reader) {
      reader = createProviderReader()
      registerProviderReader(id, reader)
    }
    return reader
  }
  return {
    id,
    reader: {
      read: (challenge, options) => current().read(challenge, options),
      knownDevice: (email, previous) => current().knownDevice(email, previous),
      get knownDeviceMaxAge() {
        return current().knownDeviceMaxAge
      },
    },
  }
}
