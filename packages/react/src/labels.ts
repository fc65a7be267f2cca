/**
 * The form's own words (headings, labels, buttons, hints), apart from the per-code copy. Plain
 * strings, so a server component can pass overrides to the client form; `{name}` placeholders are
 * filled in by the form.
 *
 * @module
 */
import { redactedPhoneDigits } from "@login-with-link/core"

/** Every string the form shows besides the per-code messages. */
export interface LinkSignInLabels {
  emailTitle: string
  /** Before the "Link" mark. */
  emailLead: string
  /** After the "Link" mark. */
  emailLeadEnd: string
  emailLabel: string
  emailSubmit: string
  emailSubmitPending: string
  emailFine: string
  codeTitle: string
  /** `{phone}`: the phone, as {@link LinkSignInLabels.phoneEnding} writes it. */
  codeSentTo: string
  /** `{digits}`: the last digits Link shows of the phone ("•••• 90"). */
  phoneEnding: string
  /** `{digits}`: the same, as a screen reader says it. */
  phoneEndingSpoken: string
  /** Shown at the code field when one wrong code is left (the field then waits for the button). */
  lastTry: string
  /** `{email}` */
  codeSigningInAs: string
  codeLabel: string
  /** `{time}`: "9:58", or "10 minutes" before JavaScript runs. */
  codeExpiresIn: string
  codeExpired: string
  codeSubmit: string
  codeSubmitPending: string
  resend: string
  resendPending: string
  /** `{time}` */
  resendIn: string
  resendReady: string
  changeEmail: string
  changeEmailPending: string
  signupTitle: string
  /** `{email}` is shown before it. */
  signupLead: string
  signupLeadEnd: string
  signupNote: string
  signupLink: string
  /** `{phone}`: the code step's announcement. */
  codeSent: string
  /** `{phone}`: after "Send a new code". */
  codeResent: string
  codeResentAction: string
  /** `{time}` */
  retryIn: string
  /** `{count}` */
  attemptsLeft: string
  attemptLeft: string
  /** The OAuth button ("Continue with Link", Link's own page). */
  oauthSubmit: string
  oauthSubmitPending: string
  /** `oauth="above"`: between the button and the email step. */
  oauthDivider: string
  /** `oauth="above"`: the email step's button (the OAuth button says "Continue with Link"). */
  emailSubmitBesideOAuth: string
  /** `oauth="only"`: before and after the "Link" mark. */
  oauthLead: string
  oauthLeadEnd: string
  oauthFine: string
  /** Another tab of this browser signed in. */
  signedInElsewhere: string
  /** Another tab sent a new code. */
  changedElsewhere: string
  minute: string
  minutes: string
  second: string
  seconds: string
  hour: string
  hours: string
}

/** The form's words, in English; the `labels` prop overrides any of them. */
export const defaultLabels: LinkSignInLabels = {
  emailTitle: "Sign in",
  emailLead: "Enter the email you use with",
  emailLeadEnd:
    ". We'll text a six-digit code to your phone. No password needed.",
  emailLabel: "Email",
  emailSubmit: "Continue with Link",
  emailSubmitPending: "Sending a code…",
  emailFine:
    "Not on Link yet? Enter your email anyway: we'll show you how to sign up.",
  codeTitle: "Enter your code",
  codeSentTo: "We texted a code to {phone}",
  phoneEnding: "•••• {digits}",
  phoneEndingSpoken: "the phone number ending in {digits}",
  lastTry:
    "Last try: check the code, then press Sign in. One more wrong code ends this sign-in.",
  codeSigningInAs: "Signing in as {email}",
  codeLabel: "6-digit code",
  codeExpiresIn: "The code expires in {time}.",
  codeExpired: "This code has expired. Send a new one below.",
  codeSubmit: "Sign in",
  codeSubmitPending: "Checking…",
  resend: "Send a new code",
  resendPending: "Sending…",
  resendIn: "You can ask for a new code in {time}.",
  resendReady: "Didn't get it? Ask for a new code.",
  changeEmail: "Use a different email",
  changeEmailPending: "One moment…",
  signupTitle: "Sign up for Link to continue",
  signupLead: "isn't on",
  signupLeadEnd:
    "yet. Link saves your details so you can sign in and check out with a code sent to your phone, here and at many other shops.",
  signupNote:
    "It takes a minute. When you're done, you'll come straight back here to sign in.",
  signupLink: "Sign up for Link",
  codeSent: "We texted a code to {phone}.",
  codeResent: "We texted a new code to {phone}.",
  codeResentAction: "The code we sent before no longer works.",
  retryIn: "Try again in {time}.",
  attemptsLeft: "You have {count} tries left.",
  attemptLeft: "You have 1 try left.",
  oauthSubmit: "Continue with Link",
  oauthSubmitPending: "Opening Link…",
  oauthDivider: "or get a code by text message",
  emailSubmitBesideOAuth: "Text me a code",
  oauthLead: "Sign in with",
  oauthLeadEnd:
    ". You'll confirm it's you on Link's own page, then come straight back here.",
  oauthFine:
    "Not on Link yet? Continue anyway: Link's page shows you how to sign up.",
  signedInElsewhere: "You signed in in another tab.",
  changedElsewhere: "This sign-in changed in another tab.",
  minute: "minute",
  minutes: "minutes",
  second: "second",
  seconds: "seconds",
  hour: "hour",
  hours: "hours",
}

/** `template` with each `{name}` replaced. */
export function fill(
  template: string,
  values: Record<string, string | number>
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  )
}

/** "1 minute 5 seconds", "45 seconds". */
export function formatDuration(
  totalSeconds: number,
  labels: LinkSignInLabels
): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds))
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts: string[] = []
  if (minutes > 0)
    parts.push(`${minutes} ${minutes === 1 ? labels.minute : labels.minutes}`)
  if (rest > 0 || minutes === 0)
    parts.push(`${rest} ${rest === 1 ? labels.second : labels.seconds}`)
  return parts.join(" ")
}

/** "9:05". */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`
}

/**
 * The phone as people read it: Link redacts all but the country code's first digit and the last
 * digits (`+3*********90`); the form shows the last digits ("•••• 90"). Anything else as it is.
 */
export const phoneDigits = redactedPhoneDigits

/** {@link phoneDigits} in the labels' words, for text (an announcement). */
export function readablePhone(
  redacted: string | undefined,
  labels: LinkSignInLabels
): string {
  const digits = phoneDigits(redacted)
  return digits ? fill(labels.phoneEnding, { digits }) : (redacted ?? "")
}

/** Digits only, at most six: "123 456" and "123-456" both become "123456". */
export function codeDigits(value: string): string {
  return value.replace(/\D/g, "").slice(0, 6)
}
