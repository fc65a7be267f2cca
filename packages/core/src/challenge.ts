/**
 * The sealed challenge: the state carried between the sign-in steps (email, Link `client_secret`,
 * redacted phone, expiry, resend time) as an encrypted JWT, sealed and opened with `jose` (one
 * `EncryptJWT` per seal, one `jwtDecrypt` per open): `dir` + `A256GCM`, under a key derived with
 * WebCrypto's HKDF from the Auth.js secret, with this module's own salt and info, so it never
 * decrypts as a session token and a session token never decrypts as a challenge. The server keeps
 * no state between steps.
 *
 * Every challenge's plaintext is padded to the same length (at least {@link SEALED_PLAINTEXT_BYTES}
 * bytes), so a decoy, a real challenge, a short and a long email all give challenges of one length.
 *
 * @module
 */
import { decodeProtectedHeader, EncryptJWT, errors, jwtDecrypt } from "jose"
import * as z from "zod"
import { ChallengeError } from "./errors.js"
import { MAX_CHALLENGE_LENGTH } from "./schemas.js"
import { hkdfKey } from "./hkdf.js"

/** What a challenge holds, once unsealed. */
export interface ChallengePayload {
  /** The normalised email. */
  email: string
  /** Link's `client_secret`; in a decoy, a random session id of the same alphabet (never sent). */
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
  /** A human check (`verifyHuman`) passed when this challenge was issued. */
  humanChecked?: boolean
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

/** The seal and open of one configuration, its keys derived once ({@link createChallengeSealer}). */
export interface ChallengeSealer {
  seal(payload: ChallengePayload, now?: number): Promise<string>
  open(challenge: unknown, now?: number): Promise<ChallengePayload>
}

/**
 * The least length, in bytes, of every challenge's plaintext: a payload shorter than this is
 * padded up to it (a longer one to the next multiple of 256 bytes), so length tells nothing.
 */
export const SEALED_PLAINTEXT_BYTES = 768

// Own salt and info: never the same key as Auth.js's session cookie (which uses the cookie name).
const HKDF_SALT = new TextEncoder().encode("login-with-link/challenge/v1")
const HKDF_INFO = new TextEncoder().encode(
  "Login with Link sealed challenge (dir A256GCM)"
)
/** The `typ` of this format; a challenge without it was sealed by an earlier version. */
const TYP = "lwl-challenge+jwt"
const HEADER = { alg: "dir", enc: "A256GCM", typ: TYP } as const

const encoder = new TextEncoder()

/** Derive the 256-bit content-encryption key of a secret (WebCrypto HKDF-SHA-256). */
function deriveKey(secret: string): Promise<CryptoKey> {
  return hkdfKey(
    secret,
    { salt: HKDF_SALT, info: HKDF_INFO },
    { name: "AES-GCM", length: 256 },
    ["encrypt", "decrypt"]
  )
}

/** The audience claim: a fingerprint of the binding (SHA-256, 16 bytes, base64url). */
async function fingerprint(binding: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    encoder.encode(`login-with-link/binding/v1\0${binding}`)
  )
  let binary = ""
  for (const byte of new Uint8Array(digest).subarray(0, 16))
    binary += String.fromCharCode(byte)
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
  d: z.union([z.literal(0), z.literal(1)]),
  h: z.union([z.literal(0), z.literal(1)]),
  ek: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  exp: z.number().int().positive(),
})

// header..iv.ciphertext.tag: five base64url parts, the encrypted key empty for "dir".
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.\.(?:[A-Za-z0-9_-]+\.){2}[A-Za-z0-9_-]+$/

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
  return allowed === undefined || allowed.includes(part.at(-1) ?? "")
}

/** The claims of a payload, padded (claim `p`) to a fixed plaintext length. */
function claimsOf(
  payload: ChallengePayload,
  audience: string,
  now: number
): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    em: payload.email,
    ph: payload.redactedPhone,
    rs: Math.floor(payload.resendAt),
    // Always present, so that every challenge has the same claims.
    d: payload.decoy ? 1 : 0,
    h: payload.humanChecked ? 1 : 0,
  }
  if (payload.clientSecret !== undefined) claims.cs = payload.clientSecret
  if (payload.emailKey !== undefined) claims.ek = payload.emailKey
  claims.iat = Math.floor(now / 1000)
  claims.exp = Math.floor(payload.expiresAt / 1000)
  claims.aud = audience
  const bare = encoder.encode(JSON.stringify({ ...claims, p: "" })).length
  const target = Math.max(SEALED_PLAINTEXT_BYTES, Math.ceil(bare / 256) * 256)
  claims.p = "0".repeat(target - bare)
  return claims
}

function invalid(message: string, cause?: unknown): ChallengeError {
  return new ChallengeError(
    "LWL_CHALLENGE_INVALID",
    message,
    cause === undefined ? undefined : { cause }
  )
}

/** What a refusal by jose means for a challenge. */
function refusal(error: unknown): ChallengeError {
  if (error instanceof errors.JWTExpired) {
    return new ChallengeError(
      "LWL_CHALLENGE_EXPIRED",
      "The challenge has expired",
      { cause: error }
    )
  }
  if (
    error instanceof errors.JWTClaimValidationFailed &&
    error.claim === "aud"
  ) {
    return new ChallengeError(
      "LWL_CHALLENGE_FOREIGN",
      "The challenge was sealed for another publishable key or API URL",
      { cause: error }
    )
  }
  return invalid("The challenge is not valid", error)
}

/**
 * The seal and open of one configuration: its keys are derived on first use, once (held by this
 * object only, as non-extractable WebCrypto keys), then each seal or open is one jose call.
 *
 * @example
 * ```ts
 * const sealer = createChallengeSealer({ secret: process.env.AUTH_SECRET!, binding })
 * const challenge = await sealer.seal(payload)
 * const again = await sealer.open(challenge)
 * ```
 */
export function createChallengeSealer(
  options: Pick<ChallengeOptions, "secret" | "binding">
): ChallengeSealer {
  const secrets = secretList(options.secret)
  const keys = new Map<string, Promise<CryptoKey>>()
  const keyOf = (secret: string) => {
    let key = keys.get(secret)
    if (!key) {
      key = deriveKey(secret)
      keys.set(secret, key)
    }
    return key
  }
  let audience: Promise<string> | undefined
  const audienceOf = () => (audience ??= fingerprint(options.binding))

  return {
    async seal(payload, now = Date.now()) {
      const [key, aud] = await Promise.all([
        keyOf(secrets[0] as string),
        audienceOf(),
      ])
      return new EncryptJWT(claimsOf(payload, aud, now))
        .setProtectedHeader(HEADER)
        .encrypt(key)
    },

    async open(challenge, now = Date.now()) {
      if (typeof challenge !== "string" || challenge.length === 0) {
        throw invalid("The challenge is missing")
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
        throw invalid("The challenge is not a sealed challenge")
      }
      let header
      try {
        header = decodeProtectedHeader(challenge)
      } catch (error) {
        throw invalid("The challenge is not a sealed challenge", error)
      }
      if (header.typ !== TYP) {
        // Sealed by an earlier version, whose header was exactly this: a sign-in in progress
        // across a deploy starts over, as an expired one does.
        const earlier =
          Object.keys(header).length === 2 &&
          header.alg === "dir" &&
          header.enc === "A256GCM"
        if (earlier) {
          throw new ChallengeError(
            "LWL_CHALLENGE_EXPIRED",
            "The challenge was sealed in an earlier format; start again"
          )
        }
        throw invalid("The challenge is not a sealed challenge")
      }
      const aud = await audienceOf()
      let claims: unknown
      let lastError: unknown
      for (const secret of secrets) {
        try {
          const { payload } = await jwtDecrypt(challenge, await keyOf(secret), {
            audience: aud,
            currentDate: new Date(now),
            typ: TYP,
            keyManagementAlgorithms: ["dir"],
            contentEncryptionAlgorithms: ["A256GCM"],
            requiredClaims: ["exp"],
          })
          claims = payload
          break
        } catch (error) {
          if (!(error instanceof errors.JWEDecryptionFailed)) {
            throw refusal(error)
          }
          lastError = error // maybe sealed with an older secret: try the next one
        }
      }
      if (claims === undefined) throw refusal(lastError)
      const parsed = claimsSchema.safeParse(claims)
      if (!parsed.success) {
        throw invalid("The challenge holds unexpected data", parsed.error)
      }
      const c = parsed.data
      const result: ChallengePayload = {
        email: c.em,
        redactedPhone: c.ph,
        expiresAt: c.exp * 1000,
        resendAt: c.rs,
      }
      if (c.cs !== undefined) result.clientSecret = c.cs
      if (c.d === 1) result.decoy = true
      if (c.ek !== undefined) result.emailKey = c.ek
      if (c.h === 1) result.humanChecked = true
      return result
    },
  }
}

/**
 * Seal a challenge (deriving its key: for many, use one {@link createChallengeSealer}). The
 * expiry is `payload.expiresAt`, rounded down to whole seconds.
 *
 * @example
 * ```ts
 * const challenge = await sealChallenge(
 *   { email, clientSecret, redactedPhone, expiresAt: Date.now() + 600_000, resendAt: Date.now() + 30_000 },
 *   { secret: process.env.AUTH_SECRET!, binding: `${publishableKey} ${apiUrl}` }
 * )
 * ```
 */
export function sealChallenge(
  payload: ChallengePayload,
  options: ChallengeOptions
): Promise<string> {
  return createChallengeSealer(options).seal(payload, options.now)
}

/**
 * Unseal a challenge, or throw a {@link ChallengeError}: `LWL_CHALLENGE_TOO_LARGE` (over 4 KB),
 * `LWL_CHALLENGE_INVALID` (garbage, truncated, tampered, or sealed with an unknown secret),
 * `LWL_CHALLENGE_EXPIRED` (expired, or sealed in an earlier format), `LWL_CHALLENGE_FOREIGN`
 * (sealed for another publishable key or API URL). Nothing is sent anywhere; the error never
 * contains the challenge's contents.
 */
export async function unsealChallenge(
  challenge: unknown,
  options: ChallengeOptions
): Promise<ChallengePayload> {
  return createChallengeSealer(options).open(challenge, options.now)
}
