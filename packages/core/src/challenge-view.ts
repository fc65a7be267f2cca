/**
 * What a page may show of a sealed challenge (email, redacted phone, times), read with the same
 * secrets and binding as the steps that sealed it. Pages show these from the challenge itself, never
 * from form fields a browser could change. Never the Link `client_secret`.
 *
 * @module
 */
import { createChallengeSealer, type ChallengeSealer } from "./challenge.js"
import type { ResolvedOptions } from "./options.js"

type ViewOptions = Pick<
  ResolvedOptions,
  "secrets" | "publishableKey" | "apiUrl"
>

/**
 * The sealer of each options object (normally one per configuration: `createLinkSignIn().options`),
 * so that its keys are derived once, not at every page render. It holds derived, non-extractable
 * keys only; it is made again when the object's secrets or binding are not the ones it was made for.
 */
const sealers = new WeakMap<
  object,
  { secrets: ViewOptions["secrets"]; binding: string; sealer: ChallengeSealer }
>()

function sealerFor(options: ViewOptions): ChallengeSealer {
  const binding = `${options.publishableKey} ${options.apiUrl}`
  const known = sealers.get(options)
  if (known && known.secrets === options.secrets && known.binding === binding)
    return known.sealer
  const sealer = createChallengeSealer({ secret: options.secrets, binding })
  sealers.set(options, { secrets: options.secrets, binding, sealer })
  return sealer
}

/** The part of a sealed challenge a page may show. */
export interface ChallengeView {
  /** The normalised email the code was sent for. */
  email: string
  /** The phone the code went to, as Link redacted it. */
  redactedPhone: string
  /** When the code (and the challenge) expires, in ms since the epoch. */
  expiresAt: number
  /** When a resend is allowed, in ms since the epoch. */
  resendAt: number
}

/**
 * Read a challenge sealed by the steps made with `options` (`createLinkSignIn(...).options`).
 * Throws the same `ChallengeError` as the steps for a tampered, foreign, oversized or (unless
 * `allowExpired`) expired challenge. `allowExpired` skips only the expiry, never the integrity or
 * the binding: it is for filling the email in again after a challenge ran out.
 */
export async function readChallengeView(
  challenge: unknown,
  options: Pick<ResolvedOptions, "secrets" | "publishableKey" | "apiUrl">,
  { allowExpired = false }: { allowExpired?: boolean } = {}
): Promise<ChallengeView> {
  const payload = await sealerFor(options).open(
    challenge,
    allowExpired ? 1 : undefined
  )
  return {
    email: payload.email,
    redactedPhone: payload.redactedPhone,
    expiresAt: payload.expiresAt,
    resendAt: payload.resendAt,
  }
}
