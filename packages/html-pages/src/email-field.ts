/**
 * The email step's field, the same on the hosted page and in the shops that ask for the email
 * themselves: the label and an email input that autofills, opens the email keyboard and stops at
 * the longest address there is. The page's error region, when it shows one, has the id
 * `form-error`.
 * @module
 */
import { html, raw } from "hono/html"
import type { Html } from "./html.js"

/** Props of {@link emailField}. */
export interface EmailFieldProps {
  /** The label's words. @default "Email" */
  label?: string
  /** What the person typed before (after a refusal), or an email a link filled in. */
  value?: string | undefined
  /** The last email was refused: the field is marked invalid and described by `#form-error`. */
  invalid: boolean
}

/**
 * The label and input of the email step, inside the page's own `<form>`.
 *
 * @example
 * ```ts
 * html`<form method="post" action="/login" novalidate>
 *   ${emailField({ value: email, invalid: Boolean(error) })}
 *   <button type="submit">Continue</button>
 * </form>`
 * ```
 */
export function emailField(props: EmailFieldProps): Html {
  const { label = "Email", value = "", invalid } = props
  // 254: the longest address SMTP carries (RFC 5321's path limit less the brackets).
  return html`<label for="email">${label}</label>
    <input
      id="email"
      name="email"
      type="email"
      autocomplete="email"
      inputmode="email"
      maxlength="254"
      required
      autofocus
      value="${value}"
      aria-invalid="${invalid ? "true" : "false"}"
      ${invalid ? raw('aria-describedby="form-error"') : ""}
    />`
}
