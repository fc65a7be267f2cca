/**
 * The longest values the steps accept, in one place with no dependencies, so the form's drivers
 * (`@login-with-link/core/form`) and the adapters bound their input with the same numbers.
 *
 * @module
 */

/** Longest email accepted (RFC 5321 path limit minus the brackets). */
export const MAX_EMAIL_LENGTH = 254
/** Longest sealed challenge accepted, in characters. */
export const MAX_CHALLENGE_LENGTH = 4096
