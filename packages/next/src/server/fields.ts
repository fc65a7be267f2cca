/**
 * What a form posted: its fields, bounded, and the step it asks for (`intent`), plus the answer's
 * sequence number. Nothing here is trusted beyond its shape.
 *
 * @module
 */
import { MAX_EMAIL_LENGTH } from "@login-with-link/core"
import {
  LINK_SIGN_IN_FIELDS,
  LINK_SIGN_IN_INTENTS,
  type LinkSignInIntent,
} from "@login-with-link/react"

/** Longer than any real value of a field we read (a callback path, a token). */
const MAX_FIELD = 2048

/** The field's text, trimmed; "" when absent, not text, or longer than any real value. */
export function field(
  formData: FormData,
  name: string,
  max = MAX_FIELD
): string {
  const value = formData.get(name)
  if (typeof value !== "string" || value.length > max) return ""
  return value.trim()
}

/** The longest human-check answer passed on (the core's limit; Turnstile's are ~2 KB). */
const MAX_HUMAN_TOKEN = 4096

/**
 * The app's human check answer (`human_token`, posted by the widget in the form), as the
 * credential the provider hands to `verifyHuman`; none when absent.
 */
export function humanTokenField(formData: FormData): Record<string, string> {
  const token = field(formData, LINK_SIGN_IN_FIELDS.humanToken, MAX_HUMAN_TOKEN)
  return token ? { [LINK_SIGN_IN_FIELDS.humanToken]: token } : {}
}

/** The posted email, lower-cased; "" when absent. May be longer than an email can be. */
export function emailField(formData: FormData): string {
  return field(formData, LINK_SIGN_IN_FIELDS.email).toLowerCase()
}

/** An email as shown back in the form: at most as long as an email can be. */
export function shownEmail(email: string): string {
  return email.slice(0, MAX_EMAIL_LENGTH)
}

/** The step the form asks for: its `intent`, else (a hand-written form) what its fields say. */
export function intentOf(formData: FormData): LinkSignInIntent | undefined {
  const intent = field(formData, LINK_SIGN_IN_FIELDS.intent)
  if ((LINK_SIGN_IN_INTENTS as readonly string[]).includes(intent))
    return intent as LinkSignInIntent
  // An intent that is not one of ours: no step is guessed for it.
  if (formData.has(LINK_SIGN_IN_FIELDS.intent)) return undefined
  // A form without the hidden field (a hand-written one): the fields say which step it is.
  if (field(formData, LINK_SIGN_IN_FIELDS.code)) return "verify"
  if (field(formData, LINK_SIGN_IN_FIELDS.email)) return "start"
  return undefined
}

/** The sequence number of the answer: one more than the last, whatever was posted as that. */
export function nextSeq(previous: unknown): number {
  const seq =
    typeof previous === "object" && previous !== null && "seq" in previous
      ? (previous as { seq: unknown }).seq
      : undefined
  return typeof seq === "number" && Number.isSafeInteger(seq) && seq >= 0
    ? (seq % 1_000_000) + 1
    : 1
}
