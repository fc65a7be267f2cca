/**
 * The email's keyed digest: HMAC-SHA-256 under a key derived (HKDF, own salt) from the first secret
 * and bound to the publishable key and API URL. The limiters count an email under its digest,
 * never in clear. (Conceal mode's decoy phones are not derived from it: this key rotates with the
 * secret, and a decoy phone must not; see `conceal.ts`.)
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
  let hmacKey: Promise<CryptoKey> | undefined
  const key = () =>
    (hmacKey ??= (async () => {
      const material = await crypto.subtle.importKey(
        "raw",
        encoder.encode(secret),
        "HKDF",
        false,
        ["deriveKey"]
      )
      return crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: SALT,
          info: encoder.encode(binding),
        },
        material,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign"]
      )
    })())

  async function mac(
    purpose: EmailDigestPurpose,
    email: string
  ): Promise<Uint8Array> {
    const signature = await crypto.subtle.sign(
      "HMAC",
      await key(),
      encoder.encode(`${purpose}\0${email}`)
    )
    return new Uint8Array(signature)
  }

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
