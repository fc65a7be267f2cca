/**
 * The phone a code went to, as people read it. Link redacts all but the country code's first digit
 * and the last digits (`+3*********90`); pages show the last digits ("•••• 90"), the React form and
 * the server-rendered pages alike.
 *
 * @module
 */

/** The last digits of a redacted phone (`"90"` of `+3*********90`), if it ends with some. */
export function redactedPhoneDigits(
  redacted: string | undefined
): string | undefined {
  return /(\d{2,4})\s*$/.exec(redacted ?? "")?.[1]
}
