/**
 * The email's keyed digest: HMAC-SHA-256 under a key derived (HKDF, own salt) from the first secret
 * and bound to the publishable key and API URL (the same values as WebCrypto's HMAC under that
 * key). The limiters count an email under its digest, never in clear. (Conceal mode's decoy phones
 * are not derived from it: this key rotates with the secret, and a decoy phone must not; see
 * `conceal.ts`.)
 *
 * @module
 */

/** What a digest is for; each purpose gives unrelated values. */
export type EmailDigestPurpose = "rate-limit"

/** The keyed digests of emails, from {@link createEmailDigest}. */
export interface EmailDigest {
  /** HMAC-SHA-256 of the purpose and the (normalised) email. */
  mac(purpose: EmailDigestPurpose, email: string): Promise<Uint8Array>
  /** The email's rate-limit key: the first 16 bytes of its digest, in hex (32 characters). */
  limiterKey(email: string): Promise<string>
}

import { createHmacSha256 } from "./hmac-sha256.js"

const encoder = new TextEncoder()
const SALT = encoder.encode("login-with-link/email-hmac/v1")
const HEX = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, "0")
)

/** A rate-limit key as {@link EmailDigest.limiterKey} writes it. */
export const LIMITER_KEY = /^[0-9a-f]{32}$/

/**
 * Create the digests for one secret and binding. The key is derived on first use, once.
 *
 * @example
 * ```ts
 * const digest = createEmailDigest(secret, `${publishableKey} ${apiUrl}`)
 * const key = await digest.limiterKey("jo@example.com") // 32 hex characters
 * ```
 */
export function createEmailDigest(
  secret: string,
  binding: string
): EmailDigest {
  let pending: Promise<(message: Uint8Array) => Uint8Array> | undefined
  let ready: ((message: Uint8Array) => Uint8Array) | undefined
  // The key is derived once with WebCrypto (HKDF); the digests are then computed in JavaScript,
  // synchronously: no asynchronous WebCrypto call per step.
  const key = () =>
    (pending ??= (async () => {
      const material = await crypto.subtle.importKey(
        "raw",
        encoder.encode(secret),
        "HKDF",
        false,
        ["deriveBits"]
      )
      const bits = await crypto.subtle.deriveBits(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: SALT,
          info: encoder.encode(binding),
        },
        material,
        256
      )
      ready = createHmacSha256(new Uint8Array(bits))
      return ready
    })())

  const mac = async (
    purpose: EmailDigestPurpose,
    email: string
  ): Promise<Uint8Array> =>
    (ready ?? (await key()))(encoder.encode(`${purpose}\0${email}`))

  return {
    mac,
    async limiterKey(email) {
      const bytes = await mac("rate-limit", email)
      let hex = ""
      for (let i = 0; i < 16; i++) hex += HEX[bytes[i] ?? 0]
      return hex
    },
  }
}
