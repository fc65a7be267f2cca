/**
 * People on Link: their shape, the built-in seed, email normalisation and phone redaction.
 * @module
 */
import { createHash } from "node:crypto"

/** A person on Link. `fullName` and `city` are optional, as for people who did not save them. */
export interface Person {
  /**
   * The stable Link user id that OAuth's userinfo answers with. When not given, it is derived
   * from the email the person was first added with ({@link linkUserId}), so it stays the same
   * across restarts; an email change through the control API keeps it.
   */
  id?: string | undefined
  email: string
  /** E.164, e.g. `+353871234590`. */
  phone: string
  fullName?: string | undefined
  city?: string | undefined
}

/** The people on Link at start and after every reset (plus `LINK_SIM_SEED`). */
export const SEED_PEOPLE: readonly Person[] = [
  {
    email: "jo@example.com",
    phone: "+353871234590",
    fullName: "Jo Doe",
    city: "San Francisco, California 94114",
  },
  {
    email: "sam@example.com",
    phone: "+14155550123",
    fullName: "Sam Rivera",
    city: "Oakland, California 94607",
  },
  { email: "alex@example.com", phone: "+447700900123" },
]

/**
 * The Link user id of a person first added with `email`: `usr_` and 24 hex digits of a SHA-256
 * of the normalised email. Not a secret; only stable.
 * @example linkUserId("jo@example.com") // "usr_..." (the same on every run)
 */
export function linkUserId(email: string): string {
  const digest = createHash("sha256")
    .update(`link-simulator-user:${normalizeEmail(email)}`)
    .digest("hex")
  return `usr_${digest.slice(0, 24)}`
}

/** Lower-cases and trims an email, as Stripe's SDKs do before lookup. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Redacts a phone number as Link does: the first two characters and the last two digits stay.
 * @example redactPhone("+353871234590") // "+3*********90"
 */
export function redactPhone(phone: string): string {
  if (phone.length <= 4) return "*".repeat(phone.length)
  return phone.slice(0, 2) + "*".repeat(phone.length - 4) + phone.slice(-2)
}

/**
 * Redacts a publishable key for `parametersSubmitted`: its first 12 characters stay.
 * @example redactKey("pk_test_51AbCdEf") // "pk_test_51Ab...redacted"
 */
export function redactKey(key: string): string {
  return `${key.slice(0, Math.min(12, Math.max(0, key.length - 4)))}...redacted`
}
