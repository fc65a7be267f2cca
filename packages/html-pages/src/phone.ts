/**
 * The phone a code went to, as the React form shows it: "•••• 90" for Link's `+3*********90`, with
 * the words a screen reader says ("the phone number ending in 90") beside it. A phone that does not
 * end in digits is shown as Link gave it.
 * @module
 */
import { html } from "hono/html"
import { redactedPhoneDigits } from "@login-with-link/core"
import type { Html } from "./html.js"

/** The redacted phone, as people read it (the page's stylesheet has `.visually-hidden`). */
export function phoneEnding(redacted: string): Html {
  const digits = redactedPhoneDigits(redacted)
  if (!digits) return html`${redacted}`
  return html`<span class="phone" aria-hidden="true">•••• ${digits}</span
    ><span class="visually-hidden">the phone number ending in ${digits}</span>`
}
