/**
 * Reading a step's answer back from untrusted fields (a thrown error's, a JSON body's): the
 * adapters' readers (`readLinkOutcome` of `@login-with-link/provider`, `readLinkAnswer` of
 * `@login-with-link/better-auth/client`) share it, so both answer the same outcome union.
 *
 * @module
 */
import { isLinkErrorCode, type LinkErrorCode } from "./codes.js"
import type { LinkCodeSentOutcome, LinkSignupOutcome } from "./sign-in.js"

/** A step failed: `code` says why (`linkErrorCopy[code]` words it). */
export interface LinkErrorOutcome {
  status: "error"
  code: LinkErrorCode
  /** Seconds until a retry may work (`rate_limited`, and `too_many_attempts` when known). */
  retryAfter?: number
  /** Wrong-code attempts left (`invalid_code`, when known). */
  attemptsLeft?: number
}

/** What a sign-in step answered. */
export type LinkOutcome =
  LinkCodeSentOutcome | LinkSignupOutcome | LinkErrorOutcome

type Fields = Record<string, unknown>

const text = (value: unknown): value is string => typeof value === "string"
const number = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value)

/** The waits a failure carries (`retryAfter`, whole seconds; `attemptsLeft`), when well formed. */
export function readLinkWaits(fields: Fields): {
  retryAfter?: number
  attemptsLeft?: number
} {
  const waits: { retryAfter?: number; attemptsLeft?: number } = {}
  if (number(fields.retryAfter) && fields.retryAfter >= 0)
    waits.retryAfter = Math.ceil(fields.retryAfter)
  if (number(fields.attemptsLeft) && fields.attemptsLeft >= 0)
    waits.attemptsLeft = fields.attemptsLeft
  return waits
}

/**
 * The outcome `kind` names (`code_sent`, `signup_required`, or one of Link's error codes), read
 * from `fields`; `undefined` when `kind` is none of those or a field is missing or mistyped.
 *
 * @example
 * ```ts
 * const outcome = readLinkOutcomeFields(body.status, body)
 * ```
 */
export function readLinkOutcomeFields(
  kind: unknown,
  fields: Fields
): LinkOutcome | undefined {
  if (kind === "code_sent") {
    const { challenge, redactedPhone, expiresAt, resendAt, email } = fields
    if (
      !text(challenge) ||
      !text(redactedPhone) ||
      !number(expiresAt) ||
      !number(resendAt) ||
      !text(email)
    )
      return undefined
    return {
      status: "code_sent",
      challenge,
      redactedPhone,
      expiresAt,
      resendAt,
      email,
    }
  }
  if (kind === "signup_required") {
    const { signupUrl, email } = fields
    if (!text(signupUrl) || !text(email)) return undefined
    return { status: "signup_required", signupUrl, email }
  }
  if (!isLinkErrorCode(kind)) return undefined
  return { status: "error", code: kind, ...readLinkWaits(fields) }
}
