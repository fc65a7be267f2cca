/**
 * The shapes of the sign-in steps: their per-call context, what they resolve to (the outcomes and
 * the user), and the step functions `createLinkSignIn()` returns.
 *
 * @module
 */
import type { ResolvedOptions } from "./options.js"

/** The person, as `finish` (and `authorize()`) returns them. */
export interface LinkUser {
  /** The normalised email: the Login with Link API has no stable user id. */
  id: string
  email: string
  /** Link's `fullName`, when Link shares it with the shop. */
  name?: string
  /** Link's `city`, when Link shares it with the shop. */
  city?: string
  /**
   * Whether the email counts as verified: the `emailVerified` option (default `false`). Link
   * proves the phone on the Link account, not that anyone ever verified the mailbox.
   */
  emailVerified: boolean
}

/** Per-call context of a step. */
export interface LinkSignInContext {
  /**
   * The client IP, for the per-IP limits (IPv6 counted by `ipv6Subnet`, /64 by default). Pass it
   * only from a source you trust; without it the per-email and deployment-wide limits still apply.
   */
  ip?: string
  /** Where the sign-up page should send the person back (an absolute http(s) URL). */
  returnTo?: string
  /** Aborts the Link calls. */
  signal?: AbortSignal
  /**
   * The token of a human check (CAPTCHA, Turnstile...) the page showed after
   * `human_check_required`: the form field `human_token`. Start and resend only; given to the
   * `verifyHuman` hook when a limit asks for it. At most 4096 characters (longer is ignored).
   */
  humanToken?: string
  /**
   * The browser's known-device token (its cookie, from {@link LinkSignIn.knownDevice} after an
   * earlier sign-in). Start only: a token sealed for this email counts the sign-in's per-email
   * limits and failure lock on the device's own key, so that a stranger's tries at this email do
   * not lock the person out on this browser. Any other value is ignored.
   */
  knownDevice?: string
}

/** The code was sent by SMS: render the code form. */
export interface LinkCodeSentOutcome {
  status: "code_sent"
  /** The sealed state to post back with the code. Opaque, encrypted, expires with the code. */
  challenge: string
  /** The phone the code went to, redacted by Link, e.g. `+3*********90`. */
  redactedPhone: string
  /** When the code (and the challenge) expires, in ms since the epoch. */
  expiresAt: number
  /** When a resend is allowed, in ms since the epoch. */
  resendAt: number
  /** The normalised email the code was sent for. */
  email: string
}

/** The email is not on Link: invite the person to sign up at `signupUrl`. */
export interface LinkSignupOutcome {
  status: "signup_required"
  /** Where the person can create a Link account, with `email` (and `return_to`) filled in. */
  signupUrl: string
  /** The normalised email that is not on Link. */
  email: string
}

/** What the start step answers. */
export type LinkStartOutcome = LinkCodeSentOutcome | LinkSignupOutcome

/** The step functions returned by {@link createLinkSignIn}. */
export interface LinkSignIn {
  /**
   * Look the email up and send a code. Resolves to a {@link LinkCodeSentOutcome} or (for an email
   * not on Link, `unknownEmail: "invite"`) a {@link LinkSignupOutcome}; throws {@link LinkSignInError}.
   */
  start(email: string, ctx?: LinkSignInContext): Promise<LinkStartOutcome>
  /** Send a new code for a challenge; throws {@link LinkSignInError}. */
  resend(
    challenge: string,
    ctx?: LinkSignInContext
  ): Promise<LinkCodeSentOutcome>
  /** Check the code. Resolves to the user, or throws {@link LinkSignInError}. */
  finish(
    challenge: string,
    code: string,
    ctx?: LinkSignInContext
  ): Promise<LinkUser>
  /**
   * A known-device token for a browser where `email` just signed in, for the adapter to keep in
   * an httpOnly cookie for `knownDeviceMaxAge` seconds and pass back as `knownDevice` at the next
   * start. `previous` (the cookie as it was) keeps its device id when it is valid for this email.
   * `undefined` when `knownDeviceMaxAge` is 0 or the email is not one. Call it only after a
   * sign-in succeeded. (With `rateLimit: false` a token is still made, for an adapter whose
   * steps elsewhere are limited; nothing here counts it.)
   */
  knownDevice(email: string, previous?: string): Promise<string | undefined>
  /** The checked options, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>
}
