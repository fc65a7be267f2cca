/**
 * The sealed challenge: the state carried between the sign-in steps (email, Link `client_secret`,
 * redacted phone, expiry, resend time) as a JWE (`dir`, `A256GCM`) under a key derived with HKDF
 * from the Auth.js secret, with this module's own salt and info, so it never decrypts as a session
 * token and a session token never decrypts as a challenge. The server keeps no state between steps.
 *
 * The compact JWE is built on WebCrypto's AES-GCM directly (RFC 7516: the protected header's
 * base64url text as additional data, a 96-bit IV, a 128-bit tag), with JWT claims (`iat`, `exp`,
 * `aud`) checked as a JWT library checks them; what it writes and reads is an ordinary JWE that
 * `jose` opens too (the tests check both ways). One WebCrypto call per seal or unseal, nothing else.
 *
 * @module
 */
import * as z from "zod"
import { ChallengeError } from "./errors.js"
import { MAX_CHALLENGE_LENGTH } from "./schemas.js"

/** What a challenge holds, once unsealed. */
export interface ChallengePayload {
  /** The normalised email. */
  email: string
  /** Link's `client_secret`; in a decoy, random padding of the same length (never sent). */
  clientSecret?: string
  /** The phone the code went to, as Link redacted it. */
  redactedPhone: string
  /** When the challenge (and the code) expires, in ms since the epoch (whole seconds). */
  expiresAt: number
  /** When a resend is allowed, in ms since the epoch. */
  resendAt: number
  /** A decoy for an email that is not on Link (`unknownEmail: "conceal"`): no code was sent. */
  decoy?: boolean
  /**
   * The email's rate-limit key (32 hex characters), computed at the start step and carried here,
   * so that the resend and finish steps need not compute it again.
   */
  emailKey?: string
}

/** Options of {@link sealChallenge} and {@link unsealChallenge}. */
export interface ChallengeOptions {
  /**
   * The Auth.js secret, or a list for rotation: the first seals, every one unseals.
   * Security: whoever holds it can read the `client_secret` inside a challenge; keep it secret.
   */
  secret: string | readonly string[]
  /**
   * What the challenge is bound to, normally `publishableKey + " " + apiUrl`: a challenge sealed
   * for another binding is refused with `LWL_CHALLENGE_FOREIGN`. Only a fingerprint is stored.
   */
  binding: string
  /** The current time in ms, for tests. @default Date.now() */
  now?: number
}

// Own salt and info: never the same key as Auth.js's session cookie (which uses the cookie name).
const HKDF_SALT = new TextEncoder().encode("login-with-link/challenge/v1")
const HKDF_INFO = new TextEncoder().encode(
  "Login with Link sealed challenge (dir A256GCM)"
)
const CACHE_LIMIT = 32
const keyCache = new Map<string, Promise<CryptoKey>>()
const fingerprintCache = new Map<string, Promise<string>>()

function remember<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  make: () => Promise<T>
): Promise<T> {
  let value = cache.get(key)
  if (!value) {
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
    value = make()
    cache.set(key, value)
    value.catch(() => cache.delete(key))
  }
  return value
}

/** Derive (once per secret, then cached) the 256-bit content-encryption key. */
function deriveKey(secret: string): Promise<CryptoKey> {
  return remember(keyCache, secret, async () => {
    const material = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      "HKDF",
      false,
      ["deriveBits"]
    )
    const bits = await crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: HKDF_INFO },
      material,
      256
    )
    // A CryptoKey, imported once: given raw bytes, jose imports them again on every seal/unseal.
    return crypto.subtle.importKey("raw", bits, "AES-GCM", false, [
      "encrypt",
      "decrypt",
    ])
  })
}

function fingerprint(binding: string): Promise<string> {
  return remember(fingerprintCache, binding, async () => {
    const digest = await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(`login-with-link/binding/v1\0${binding}`)
    )
    return base64url(new Uint8Array(digest).subarray(0, 16))
  })
}

function base64url(bytes: Uint8Array): string {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

function secretList(secret: string | readonly string[]): readonly string[] {
  const list = typeof secret === "string" ? [secret] : secret
  if (list.length === 0 || list.some((s) => typeof s !== "string" || !s)) {
    throw new TypeError(
      "secret: expected a non-empty string or list of strings"
    )
  }
  return list
}

const claimsSchema = z.object({
  iat: z.number().optional(),
  aud: z.union([z.string(), z.array(z.string())]),
  em: z.string().min(3).max(320),
  cs: z.string().min(1).max(1000).optional(),
  ph: z.string().max(100),
  rs: z.number().int().nonnegative(),
  d: z.union([z.literal(0), z.literal(1)]).optional(),
  ek: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  exp: z.number().int().positive(),
})

// header..iv.ciphertext.tag: five base64url parts, the encrypted key empty for "dir".
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+){3}$/

// The last character of a base64url part carries unused bits when the part's length is not a
// multiple of 4; decoders ignore them, so two texts would decode to the same bytes. Only the
// canonical text (unused bits zero) is accepted: a challenge with any character changed is refused.
const CANONICAL_LAST: Record<number, string> = {
  2: "AQgw",
  3: "AEIMQUYcgkosw048",
}

function isCanonical(part: string): boolean {
  const rest = part.length % 4
  if (rest === 1) return false
  const allowed = CANONICAL_LAST[rest]
  return (
    allowed === undefined ||
    part.length === 0 ||
    allowed.includes(part.at(-1) ?? "")
  )
}

const encoder = new TextEncoder()
// Fatal: a plaintext that is not UTF-8 is refused, not repaired.
const decoder = new TextDecoder("utf-8", { fatal: true })

/** The protected header every challenge has, as its base64url text (also the AEAD's additional data). */
const HEADER = base64url(encoder.encode('{"alg":"dir","enc":"A256GCM"}'))
const ADDITIONAL_DATA = encoder.encode(HEADER)
const IV_BYTES = 12
const TAG_BYTES = 16

// IVs come from a pool of CSPRNG bytes, refilled in one call every 256 IVs; no byte is used twice.
const ivPool = new Uint8Array(IV_BYTES * 256)
let ivOffset = ivPool.length

function nextIv(): Uint8Array<ArrayBuffer> {
  if (ivOffset + IV_BYTES > ivPool.length) {
    crypto.getRandomValues(ivPool)
    ivOffset = 0
  }
  const iv = ivPool.slice(ivOffset, ivOffset + IV_BYTES)
  ivOffset += IV_BYTES
  return iv
}

function fromBase64url(part: string): Uint8Array<ArrayBuffer> {
  const binary = atob(part.replace(/-/g, "+").replace(/_/g, "/"))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Seal a challenge. The expiry is `payload.expiresAt`, rounded down to whole seconds.
 *
 * @example
 * ```ts
 * const challenge = await sealChallenge(
 *   { email, clientSecret, redactedPhone, expiresAt: Date.now() + 600_000, resendAt: Date.now() + 30_000 },
 *   { secret: process.env.AUTH_SECRET!, binding: `${publishableKey} ${apiUrl}` }
 * )
 * ```
 */
export async function sealChallenge(
  payload: ChallengePayload,
  options: ChallengeOptions
): Promise<string> {
  const [first] = secretList(options.secret)
  const [key, audience] = await Promise.all([
    deriveKey(first as string),
    fingerprint(options.binding),
  ])
  const now = options.now ?? Date.now()
  const claims: Record<string, unknown> = {
    em: payload.email,
    ph: payload.redactedPhone,
    rs: Math.floor(payload.resendAt),
  }
  if (payload.clientSecret !== undefined) claims.cs = payload.clientSecret
  // Always present, so a decoy and a real challenge have the same length.
  claims.d = payload.decoy ? 1 : 0
  if (payload.emailKey !== undefined) claims.ek = payload.emailKey
  claims.iat = Math.floor(now / 1000)
  claims.exp = Math.floor(payload.expiresAt / 1000)
  claims.aud = audience
  const iv = nextIv()
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      {
        name: "AES-GCM",
        iv,
        additionalData: ADDITIONAL_DATA,
        tagLength: TAG_BYTES * 8,
      },
      key,
      encoder.encode(JSON.stringify(claims))
    )
  )
  const tagStart = sealed.length - TAG_BYTES
  return `${HEADER}..${base64url(iv)}.${base64url(sealed.subarray(0, tagStart))}.${base64url(sealed.subarray(tagStart))}`
}

/**
 * Unseal a challenge, or throw a {@link ChallengeError}: `LWL_CHALLENGE_TOO_LARGE` (over 4 KB),
 * `LWL_CHALLENGE_INVALID` (garbage, truncated, tampered, or sealed with an unknown secret),
 * `LWL_CHALLENGE_EXPIRED`, `LWL_CHALLENGE_FOREIGN` (sealed for another publishable key or API URL).
 * Nothing is sent anywhere; the error never contains the challenge's contents.
 */
export async function unsealChallenge(
  challenge: unknown,
  options: ChallengeOptions
): Promise<ChallengePayload> {
  const secrets = secretList(options.secret)
  if (typeof challenge !== "string" || challenge.length === 0) {
    throw new ChallengeError(
      "LWL_CHALLENGE_INVALID",
      "The challenge is missing"
    )
  }
  if (challenge.length > MAX_CHALLENGE_LENGTH) {
    throw new ChallengeError(
      "LWL_CHALLENGE_TOO_LARGE",
      `The challenge is longer than ${MAX_CHALLENGE_LENGTH} characters`
    )
  }
  const parts = challenge.split(".")
  const [header, encryptedKey, ivText, ciphertext, tagText] = parts
  const wellFormed = COMPACT_JWE.test(challenge) && parts.every(isCanonical)
  if (
    !wellFormed ||
    header !== HEADER ||
    encryptedKey !== "" ||
    ivText === undefined ||
    ciphertext === undefined ||
    tagText === undefined
  ) {
    throw new ChallengeError(
      "LWL_CHALLENGE_INVALID",
      "The challenge is not a sealed challenge"
    )
  }
  const ivBytes = fromBase64url(ivText)
  const tag = fromBase64url(tagText)
  if (ivBytes.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new ChallengeError(
      "LWL_CHALLENGE_INVALID",
      "The challenge is not a sealed challenge"
    )
  }
  const body = fromBase64url(ciphertext)
  const sealed = new Uint8Array(body.length + TAG_BYTES)
  sealed.set(body)
  sealed.set(tag, body.length)
  let plaintext: ArrayBuffer | undefined
  let lastError: unknown
  for (const secret of secrets) {
    try {
      plaintext = await crypto.subtle.decrypt(
        {
          name: "AES-GCM",
          iv: ivBytes,
          additionalData: ADDITIONAL_DATA,
          tagLength: TAG_BYTES * 8,
        },
        await deriveKey(secret),
        sealed
      )
      break
    } catch (error) {
      lastError = error // maybe sealed with an older secret: try the next one
    }
  }
  if (plaintext === undefined) {
    throw new ChallengeError(
      "LWL_CHALLENGE_INVALID",
      "The challenge is not valid",
      { cause: lastError }
    )
  }
  let claims: z.infer<typeof claimsSchema>
  try {
    const parsed = claimsSchema.safeParse(JSON.parse(decoder.decode(plaintext)))
    if (!parsed.success) throw parsed.error
    claims = parsed.data
  } catch (error) {
    throw new ChallengeError(
      "LWL_CHALLENGE_INVALID",
      "The challenge holds unexpected data",
      { cause: error }
    )
  }
  // The JWT checks, in a JWT library's order: audience, then expiry (no clock tolerance).
  const audience = await fingerprint(options.binding)
  const audiences = typeof claims.aud === "string" ? [claims.aud] : claims.aud
  if (!audiences.includes(audience)) {
    throw new ChallengeError(
      "LWL_CHALLENGE_FOREIGN",
      "The challenge was sealed for another publishable key or API URL"
    )
  }
  if (claims.exp <= Math.floor((options.now ?? Date.now()) / 1000)) {
    throw new ChallengeError(
      "LWL_CHALLENGE_EXPIRED",
      "The challenge has expired"
    )
  }
  const result: ChallengePayload = {
    email: claims.em,
    redactedPhone: claims.ph,
    expiresAt: claims.exp * 1000,
    resendAt: claims.rs,
  }
  if (claims.cs !== undefined) result.clientSecret = claims.cs
  if (claims.d === 1) result.decoy = true
  if (claims.ek !== undefined) result.emailKey = claims.ek
  return result
}
