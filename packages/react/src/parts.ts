/**
 * The form's parts, each with a stable class (`lwl-title`, `lwl-input`, ...) that
 * `@login-with-link/react/styles.css` styles, plus the app's own classes for that part.
 *
 * @module
 */

/** The parts an app can add classes to. */
export type LinkSignInPart =
  | "root"
  | "alert"
  | "alertMessage"
  | "alertAction"
  | "title"
  | "lead"
  | "fine"
  | "form"
  | "field"
  | "label"
  | "input"
  | "codeInput"
  | "hint"
  | "button"
  | "secondary"
  | "resend"
  | "resendButton"
  | "linkButton"
  | "signupLink"
  /** "Continue with Link" (the OAuth button). */
  | "oauthButton"
  /** The line between the OAuth button and the code steps. */
  | "divider"
  /** Where the app's human check (CAPTCHA, Turnstile) widget goes. */
  | "humanCheck"
  | "mark"
  /** Announced, not shown (a quiet alert): styles.css hides it; or pass e.g. "sr-only". */
  | "visuallyHidden"

/** Extra class names per part, e.g. `{ button: "btn btn-primary" }`. */
export type LinkSignInClassNames = Partial<Record<LinkSignInPart, string>>

const kebab = (part: string) =>
  part.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/** The class attribute of `part`: its own class, then the app's. */
export function partClass(
  part: LinkSignInPart,
  classNames: LinkSignInClassNames | undefined,
  extra?: string
): string {
  return [`lwl-${kebab(part)}`, extra, classNames?.[part]]
    .filter(Boolean)
    .join(" ")
}
