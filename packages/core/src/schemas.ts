/**
 * Zod schemas, built once at module load: the Link API's responses (tolerant of extra fields, as
 * Link's answers may gain fields) and the credentials a step receives (hostile until parsed).
 *
 * @module
 */
import * as z from "zod"
import { MAX_CHALLENGE_LENGTH, MAX_EMAIL_LENGTH } from "./lengths.js"

// ---------------------------------------------------------------------------------------------
// Link API responses. Objects strip unknown keys instead of failing on them.
// ---------------------------------------------------------------------------------------------

const text = z.string().max(1000)

/** The Stripe-style error object the simulator (and Stripe) add to failures. */
export const linkErrorObjectSchema = z.object({
  type: text.optional(),
  code: text.optional(),
  message: text.optional(),
  param: text.optional(),
  attempts_remaining: z.number().int().min(0).max(1000).optional(),
})

/** Any failure body: the documented `errorMessage` only, or with the error object. */
export const linkErrorBodySchema = z.object({
  errorMessage: text.optional(),
  error: z.union([linkErrorObjectSchema, text]).optional(),
  attemptsLeft: z.number().int().min(0).max(1000).optional(),
})

/** `GET /lookup-email`: whether the email is on Link, and the verification session's `client_secret`. */
export const lookupEmailResponseSchema = z.discriminatedUnion(
  "userExistsOnLink",
  [
    z.object({
      result: text.optional(),
      userExistsOnLink: z.literal(true),
      client_secret: z.string().min(1).max(1000),
      redacted_phone_number: text.optional(),
    }),
    z.object({
      result: text.optional(),
      userExistsOnLink: z.literal(false),
    }),
  ]
)

/** `POST /start_verification`: the code was sent (to the redacted phone). */
export const startVerificationResponseSchema = z.object({
  result: z.literal("success").optional(),
  redacted_phone_number: text.optional(),
})

/** `POST /authenticate` success: who the person is. */
export const authenticateSuccessSchema = z.object({
  authenticationSuccessful: z.literal(true),
  user: z.object({
    email: z.string().min(3).max(320),
    fullName: text.nullish(),
    city: text.nullish(),
  }),
})

/** `POST /authenticate` documented failure: a 200 with `authenticationSuccessful: false`. */
export const authenticateFailureSchema = linkErrorBodySchema.extend({
  authenticationSuccessful: z.literal(false),
})

/** `POST /authenticate`: a success or the documented failure (built once, not per call). */
export const authenticateResponseSchema = z.discriminatedUnion(
  "authenticationSuccessful",
  [authenticateSuccessSchema, authenticateFailureSchema]
)

// ---------------------------------------------------------------------------------------------
// Credentials posted to `signIn("link", …)`: every field optional, any other field ignored.
// Lengths are capped before any work is done on the string.
// ---------------------------------------------------------------------------------------------

export { MAX_CHALLENGE_LENGTH, MAX_EMAIL_LENGTH }

const field = (max: number) => z.string().max(max).optional()

/** The credentials `authorize()` understands. Unknown keys (csrfToken, callbackUrl…) are dropped. */
export const credentialsSchema = z.object({
  email: field(1024),
  code: field(64),
  challenge: field(MAX_CHALLENGE_LENGTH),
  resend: z.union([z.string().max(8), z.boolean()]).optional(),
})

/** What {@link credentialsSchema} yields. */
export type CredentialsInput = z.infer<typeof credentialsSchema>

// Local part: RFC 5322 atext in dot-atom form. Domain: ASCII LDH labels with at least one dot.
// Stricter than the RFCs on purpose (no quotes, comments, IP literals or non-ASCII), and a
// superset of what Auth.js's own normaliser refuses (quotes, not exactly one "@", commas).
const LOCAL_PART =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const DOMAIN =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/**
 * Normalise an email the way Link's SDKs do (trim, lower-case) and refuse anything that is not one
 * plain address. Returns `undefined` when refused.
 *
 * @example
 * ```ts
 * normalizeEmail("  Jo@Example.COM ") // "jo@example.com"
 * normalizeEmail("a@b.com,c@d.com")   // undefined
 * ```
 */
export function normalizeEmail(input: unknown): string | undefined {
  if (typeof input !== "string" || input.length > 1024) return undefined
  const trimmed = input.trim()
  // A look-alike that NFKC folds into ASCII ("＠", "ｅ") is refused rather than silently folded:
  // that is what makes Auth.js's normaliser split one address into two.
  if (trimmed.normalize("NFKC") !== trimmed) return undefined
  const email = trimmed.toLowerCase()
  if (email.length < 6 || email.length > MAX_EMAIL_LENGTH) return undefined
  const at = email.indexOf("@")
  if (at < 1 || at !== email.lastIndexOf("@")) return undefined
  const local = email.slice(0, at)
  const domain = email.slice(at + 1)
  if (local.length > 64 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) {
    return undefined
  }
  return email
}

/**
 * Normalise a typed code: spaces and hyphens are dropped ("123 456", "123-456"); what is left
 * must be exactly six ASCII digits. Returns `undefined` when refused.
 */
export function normalizeCode(input: unknown): string | undefined {
  if (typeof input !== "string" || input.length > 64) return undefined
  const code = input.replace(/[\s-]/g, "")
  return /^[0-9]{6}$/.test(code) ? code : undefined
}

/** Whether a posted `resend` field asks for a resend. */
export function isResend(value: unknown): boolean {
  return value === true || value === "1" || value === "true"
}
