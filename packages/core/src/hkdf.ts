/**
 * One key derivation for the core's keys (the challenge's, the email digest's, the decoy phones'):
 * WebCrypto HKDF-SHA-256, called plainly, one `importKey` and one `deriveKey`.
 *
 * @module
 */

/**
 * A non-extractable key derived from `secret` (its UTF-8 bytes) with HKDF-SHA-256, for the given
 * algorithm and usages.
 */
export async function hkdfKey(
  secret: string,
  params: { salt: BufferSource; info: BufferSource },
  algorithm: Parameters<SubtleCrypto["deriveKey"]>[2],
  usages: Parameters<SubtleCrypto["deriveKey"]>[4]
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    "HKDF",
    false,
    ["deriveKey"]
  )
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: params.salt, info: params.info },
    material,
    algorithm,
    false,
    usages
  )
}
