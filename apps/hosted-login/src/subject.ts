/**
 * The stable, opaque `sub` of a person: an HMAC of their normalised email under a server pepper.
 *
 * Link gives no user id, so the email is the identity; but an email in `sub` would leak to every
 * client and could never change. The HMAC is stable for a given pepper, reveals nothing without
 * it, and is the same for every client (a public, not pairwise, subject).
 * @module
 */
import { createHmac } from "node:crypto"

/** Lower-cases and trims an email, as Link and Stripe's SDKs do before a lookup. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Derives the `sub` claim for an email.
 *
 * @example
 * subjectFor("Jo@Example.com ", pepper) === subjectFor("jo@example.com", pepper) // true
 */
export function subjectFor(email: string, pepper: string): string {
  return createHmac("sha256", pepper)
    .update(`link-email:${normaliseEmail(email)}`)
    .digest("base64url")
}
