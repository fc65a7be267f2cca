/**
 * The email's keyed digest: HMAC-SHA-256 under a key derived (WebCrypto HKDF, own salt) from the
 * first secret and bound to the publishable key and API URL, derived once per sign-in
 * configuration. The HMAC itself is `@noble/hashes`' synchronous one (the same value WebCrypto's
 * gives): WebCrypto's `sign` is a round trip through Node's thread pool on every start. The limiters count an email under its digest, never in clear. (Conceal mode's
 * decoy phones are not derived from it: this key rotates with the secret, and a decoy phone must
 * not; see `conceal.ts`.)
 *
 * @module
 */
import { hmac } from "@noble/hashes/hmac"
import { sha256 } from "@noble/hashes/sha2"

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
 * kept by the returned object only, as a keyed HMAC (its inner and outer hash states; the derived
 * bytes are overwritten once keyed).
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
  let keyed: Promise<ReturnType<typeof hmac.create>> | undefined
  const hmacKey = () =>
    (keyed ??= (async () => {
      const material = await crypto.subtle.importKey(
        "raw",
        encoder.encode(secret),
        "HKDF",
        false,
        ["deriveBits"]
      )
      // The same 256 bits as deriving an HMAC-SHA-256 CryptoKey with these parameters.
      const bytes = new Uint8Array(
        await crypto.subtle.deriveBits(
          {
            name: "HKDF",
            hash: "SHA-256",
            salt: SALT,
            info: encoder.encode(binding),
          },
          material,
          256
        )
      )
      try {
        return hmac.create(sha256, bytes)
      } finally {
        bytes.fill(0)
      }
    })())

  const mac = async (
    purpose: EmailDigestPurpose,
    email: string
  ): Promise<Uint8Array> =>
    (await hmacKey())
      .clone()
      .update(encoder.encode(`${purpose}\0${email}`))
      .digest()

  return {
    mac,
    async limiterKey(email) {
      return hex(await mac("rate-limit", email), 16)
    },
  }
}
