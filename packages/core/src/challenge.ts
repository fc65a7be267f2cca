/**
 * The sealed challenge: the state carried between the sign-in steps (email, Link `client_secret`,
 * redacted phone, expiry, resend time) as a JWE (`dir`, `A256GCM`) under a key derived with HKDF
 * from the Auth.js secret, with this module's own salt and info, so it never decrypts as a session
 * token and a session token never decrypts as a challenge. The server keeps no state between steps.
 *
 * @module
 */
import { EncryptJWT, errors as joseErrors, jwtDecrypt } from "jose"
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
  const key = await deriveKey(first as string)
  const now = options.now ?? Date.now()
  const claims: Record<string, unknown> = {
    em: payload.email,
    ph: payload.redactedPhone,
    rs: Math.floor(payload.resendAt),
  }
  if (payload.clientSecret !== undefined) claims.cs = payload.clientSecret
  if (payload.emailKey !== undefined) claims.ek = payload.emailKey
  // Always present, so a decoy and a real challenge have the same length.
  claims.d = payload.decoy ? 1 : 0
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(payload.expiresAt / 1000))
    .setAudience(await fingerprint(options.binding))
    .encrypt(key)
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
  if (
    !COMPACT_JWE.test(challenge) ||
    !challenge.split(".").every(isCanonical)
  ) {
    throw new ChallengeError(
      "LWL_CHALLENGE_INVALID",
      "The challenge is not a sealed challenge"
    )
  }
  const audience = await fingerprint(options.binding)
  const currentDate = new Date(options.now ?? Date.now())
  let lastError: unknown
  for (const secret of secrets) {
    const key = await deriveKey(secret)
    try {
      const { payload } = await jwtDecrypt(challenge, key, {
        audience,
        currentDate,
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
      })
      const claims = claimsSchema.safeParse(payload)
      if (!claims.success) {
        throw new ChallengeError(
          "LWL_CHALLENGE_INVALID",
          "The challenge holds unexpected data"
        )
      }
      const { em, cs, ph, rs, d, ek, exp } = claims.data
      const result: ChallengePayload = {
        email: em,
        redactedPhone: ph,
        expiresAt: exp * 1000,
        resendAt: rs,
      }
      if (cs !== undefined) result.clientSecret = cs
      if (d === 1) result.decoy = true
      if (ek !== undefined) result.emailKey = ek
      return result
    } catch (error) {
      if (error instanceof ChallengeError) throw error
      if (error instanceof joseErrors.JWTExpired) {
        throw new ChallengeError(
          "LWL_CHALLENGE_EXPIRED",
          "The challenge has expired"
        )
      }
      if (
        error instanceof joseErrors.JWTClaimValidationFailed &&
        error.claim === "aud"
      ) {
        throw new ChallengeError(
          "LWL_CHALLENGE_FOREIGN",
          "The challenge was sealed for another publishable key or API URL"
        )
      }
      if (error instanceof joseErrors.JWEDecryptionFailed) {
        lastError = error // maybe sealed with an older secret: try the next one
        continue
      }
      lastError = error
      break
    }
  }
  throw new ChallengeError(
    "LWL_CHALLENGE_INVALID",
    "The challenge is not valid",
    {
      cause: lastError,
    }
  )
}
