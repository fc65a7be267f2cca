/**
 * What a driver reads from a posted sign-in form: its fields (bounded, trimmed), the step it asks
 * for (`intent`), and the answer's sequence number. Nothing posted is trusted beyond that.
 *
 * @module
 */
import {
  LINK_SIGN_IN_FIELDS,
  LINK_SIGN_IN_INTENTS,
  type LinkSignInIntent,
} from "./state.js"

/** Longest email kept from a form. */
export const MAX_FORM_EMAIL = 320
/** Longest field read at all: longer is taken as absent. */
const MAX_FIELD = 2048

/** The field's text, trimmed; "" when absent, not text, or longer than any real value. */
export function linkFormField(formData: FormData, name: string): string {
  const value = formData.get(name)
  if (typeof value !== "string" || value.length > MAX_FIELD) return ""
  return value.trim()
}

/** The step a posted form asks for: its `intent`, else (a hand-written form) its fields. */
export function linkFormIntent(
  formData: FormData
): LinkSignInIntent | undefined {
  const intent = linkFormField(formData, LINK_SIGN_IN_FIELDS.intent)
  if ((LINK_SIGN_IN_INTENTS as readonly string[]).includes(intent))
    return intent as LinkSignInIntent
  // An intent that is not one of ours: no step is guessed for it.
  if (formData.has(LINK_SIGN_IN_FIELDS.intent)) return undefined
  if (linkFormField(formData, LINK_SIGN_IN_FIELDS.code)) return "verify"
  if (linkFormField(formData, LINK_SIGN_IN_FIELDS.email)) return "start"
  return undefined
}

/** The sequence number of the answer: one more than the last, whatever was posted as that. */
export function nextLinkFormSeq(previous: unknown): number {
  const seq =
    typeof previous === "object" && previous !== null && "seq" in previous
      ? (previous as { seq: unknown }).seq
      : undefined
  return typeof seq === "number" && Number.isSafeInteger(seq) && seq >= 0
    ? (seq % 1_000_000) + 1
    : 1
}
