/**
 * The state of the sign-in page, shared by the server action that produces it and the client
 * component that renders it. Plain data only: the copy is resolved on the server so the client
 * bundle never imports the provider.
 * @module
 */

export type LoginStep = "email" | "code" | "signup"

export type LoginAlert = {
  /** "error" needs the person to do something; "info" confirms what happened. */
  kind: "error" | "info"
  /** The provider's code (`invalid_code`, `code_sent`, ...), for tests and analytics, never shown. */
  code: string
  message: string
  action: string
  /** The field that needs attention; focus moves there. */
  field?: "email" | "code" | "resend"
  /** Announced to screen readers only: the page's heading already says it. */
  quiet?: boolean
}

export type LoginState = {
  step: LoginStep
  email: string
  callbackUrl: string
  redactedPhone?: string
  /** When the code stops working (ms epoch). */
  expiresAt?: number
  /** When a new code may be asked for (ms epoch). */
  resendAt?: number
  signupUrl?: string
  alert?: LoginAlert
  /** Server time when this state was made, so the first client render matches the server's. */
  serverNow: number
  /** Increments with every answer, so the page re-announces and re-focuses a repeated error. */
  seq: number
}

/** Formats a number of seconds as "1 minute 5 seconds" / "45 seconds". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds))
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts: string[] = []
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`)
  if (rest > 0 || minutes === 0)
    parts.push(`${rest} second${rest === 1 ? "" : "s"}`)
  return parts.join(" ")
}

/** Keeps only digits: "123 456" and "123-456" both become "123456". */
export function normalizeCode(value: string): string {
  return value.replace(/\D/g, "").slice(0, 6)
}
