/**
 * The code step's field, the same on the hosted page and in the shops that ask for the code
 * themselves: the label, the one-time-code input and the hint under it. The page's stylesheet
 * styles `input.code` and `.hint`; its error region, when it shows one, has the id `form-error`.
 * @module
 */
import { html } from "hono/html"
import type { Html } from "./html.js"

/** Props of {@link codeField}. */
export interface CodeFieldProps {
  /** The last code was refused: the field is marked invalid and described by `#form-error`. */
  invalid: boolean
  /** Whole minutes until the code expires; 0 leaves the sentence out. */
  minutesLeft: number
}

/**
 * The label, input and hint of the code step, inside the page's own `<form>`. The input takes
 * "123456", "123 456" or "123 - 456" (the steps drop spaces and dashes), autofills from the SMS
 * (`autocomplete="one-time-code"`) and opens the numeric keypad.
 *
 * @example
 * ```ts
 * html`<form method="post" action="/login/code" novalidate>
 *   ${codeField({ invalid: Boolean(error), minutesLeft: 9 })}
 *   <button type="submit">Verify</button>
 * </form>`
 * ```
 */
export function codeField(props: CodeFieldProps): Html {
  const { invalid, minutesLeft } = props
  return html`<label for="code">6-digit code</label>
    <input
      id="code"
      class="code"
      name="code"
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9 \\-]*"
      maxlength="9"
      required
      autofocus
      aria-invalid="${invalid ? "true" : "false"}"
      aria-describedby="code-hint${invalid ? " form-error" : ""}"
    />
    <p class="hint" id="code-hint">
      ${
        minutesLeft > 0
          ? `The code works for ${minutesLeft} more ${minutesLeft === 1 ? "minute" : "minutes"}.`
          : ""
      }
      Spaces and dashes are fine.
    </p>`
}
