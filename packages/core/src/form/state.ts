/**
 * The state of the sign-in form: what its action (the driver) answers and the form renders. Plain,
 * serialisable data with no secret in it (a server driver keeps the challenge in an httpOnly
 * cookie). Shared by the drivers and the form (`@login-with-link/react` re-exports it), so it
 * imports nothing at run time.
 *
 * @module
 */
import type { LinkSignInCode } from "../codes.js"

/**
 * Failures a driver adds to Link's codes: Better Auth's account policy (`account_not_linked`,
 * `sign_up_disabled`) and a body over its limit. Their words come with the alert.
 */
export type LinkDriverCode =
  "account_not_linked" | "sign_up_disabled" | "request_body_too_large"

/** The step the form shows. */
export type LinkSignInStep = "email" | "code" | "signup"

/** What each form posts as `intent`: the step the driver runs. */
export const LINK_SIGN_IN_INTENTS = [
  "start",
  "verify",
  "resend",
  "change",
  /** Read the sign-in as it is now (another tab changed it); no Link call. */
  "resume",
  /** "Continue with Link": the framework's OAuth sign-in with Link (login.link.com). */
  "oauth",
] as const

/** A value of the posted `intent` field. */
export type LinkSignInIntent = (typeof LINK_SIGN_IN_INTENTS)[number]

/** A message for the person: a provider code, resolved to words by the form. */
export interface LinkSignInAlert {
  /** `"error"` needs the person to act; `"info"` confirms what happened. */
  kind: "error" | "info"
  /**
   * The provider's code (`invalid_code`, `code_sent`, ...), or a driver's own failure (Better
   * Auth's `account_not_linked`, `sign_up_disabled`): picks the copy, never shown.
   */
  code: LinkSignInCode | LinkDriverCode
  /** The default copy for `code` (`linkErrorCopy`), resolved on the server. */
  message: string
  action: string
  /** The field that needs attention; focus moves there. */
  field?: "email" | "code" | "resend"
  /** For `rate_limited` (and `too_many_attempts`): seconds until a retry may work. */
  retryAfter?: number
  /** For `invalid_code`: the tries left (Link's, or counted by the core per Link session). */
  attemptsLeft?: number
  /** After "Send a new code": the earlier code no longer works. */
  resent?: boolean
  /** Announced to screen readers only: the page's heading already says it. */
  quiet?: boolean
}

/** What the form's action answers and `LinkSignInForm` renders. */
export interface LinkFormState {
  step: LinkSignInStep
  /** The email: as typed at the email step, else from the sealed challenge (or Link's answer). */
  email: string
  /** Code step: the phone the code went to, as Link redacted it. */
  redactedPhone?: string
  /** Code step: when the code stops working (ms since the epoch). */
  expiresAt?: number
  /** Code step: when a new code may be asked for (ms since the epoch). */
  resendAt?: number
  /** Sign-up step: Link's sign-up page, with the email and the way back filled in. */
  signupUrl?: string
  alert?: LinkSignInAlert
  /** Server time when this state was made, so the first client render matches the server's. */
  serverNow: number
  /** 0 when rendered with the page; +1 with every answer (re-announces a repeated error). */
  seq: number
  /**
   * Set by a driver that signs in without a server redirect (one that runs in the browser): the
   * person is signed in, and the form goes here (a same-origin path) and tells the other tabs.
   * A server driver redirects instead and never sets it.
   */
  redirectTo?: string
}

/** {@link LinkFormState} under the name `@login-with-link/next` has always used. */
export type LinkSignInState = LinkFormState

/**
 * The form's driver: given the state shown and a submitted form, the next state. Called with no
 * state and no form data (by the page, while it renders) it answers the sign-in in progress.
 * `@login-with-link/next/server`'s `linkSignIn`, and the Better Auth drivers, each make one.
 */
export type LinkFormAction = (
  state: LinkFormState | undefined,
  formData: FormData
) => Promise<LinkFormState>

/** The name of every field the forms post. */
export const LINK_SIGN_IN_FIELDS = {
  intent: "intent",
  email: "email",
  code: "code",
  callbackUrl: "callbackUrl",
  /** The app's human check (CAPTCHA, Turnstile) answer, when the app renders one. */
  humanToken: "human_token",
} as const

/** The BroadcastChannel the forms of one origin talk on (other tabs follow the sign-in). */
export const LINK_SIGN_IN_CHANNEL = "login-with-link"

/** What one tab tells the others. */
export type LinkSignInMessage =
  /** The sign-in in progress changed (a code was sent, or it started over): show it. */
  | { type: "changed" }
  /** This tab signed in: refresh, so the page shows the signed-in state. */
  | { type: "signed-in" }
