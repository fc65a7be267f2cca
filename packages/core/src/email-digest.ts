/**
 * The email's keyed digest: WebCrypto HMAC-SHA-256 under a key derived (HKDF, own salt) from the
 * first secret and bound to the publishable key and API URL, imported once per sign-in
 * configuration. The limiters count an email under its digest, never in clear. (Conceal mode's
 * decoy phones are not derived from it: this key rotates with the secret, and a decoy phone must
 * not; see `conceal.ts`.)
 *
 * @module
 */
import { hkdfKey } from "./hkdf.js"

/** What a digest is for; each purpose gives unrelated values. */
export type EmailDigestPurpose = "rate-limit"

/** The keyed digests of emails, from {@link createEmailDigest}. */
export interface EmailDigest {
  /** HMAC-SHA-256 of the purpose and the (normalised) email. */
  mac(purpose: EmailDigestPurpose, email: string): Promise<Uint8Array>
  /** The email's rate-limit key: the first 16 bytes of its digest, in hex (32 characters). */
  limiterKey(email: string): Promise<string>
}

const encoder = new TextEncoder()
const SALT = encoder.encode("login-with-link/email-hmac/v1")

/** A rate-limit key as {@link EmailDigest.limiterKey} writes it. */
export const LIMITER_KEY = /^[0-9a-f]{32}$/

/** The first `bytes` bytes of a digest, in hex. */
export function hex(digest: ArrayBuffer | Uint8Array, bytes: number): string {
  let text = ""
  for (const byte of new Uint8Array(digest).subarray(0, bytes))
    text += byte.toString(16).padStart(2, "0")
  return text
}

/**
 * Create the digests for one secret and binding. The HMAC key is derived on first use, once, and
 * kept as a non-extractable WebCrypto key by the returned object only.
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
  let key: Promise<CryptoKey> | undefined
  const hmacKey = () =>
    (key ??= hkdfKey(
      secret,
      { salt: SALT, info: encoder.encode(binding) },
      { name: "HMAC", hash: "SHA-256", length: 256 },
      ["sign"]
    ))

  const mac = async (
    purpose: EmailDigestPurpose,
    email: string
  ): Promise<Uint8Array> =>
    new Uint8Array(
      await crypto.subtle.sign(
        "HMAC",
        await hmacKey(),
        encoder.encode(`${purpose}\0${email}`)
      )
    )

  return {
    mac,
    async limiterKey(email) {
      return hex(await mac("rate-limit", email), 16)
    },
  }
}
