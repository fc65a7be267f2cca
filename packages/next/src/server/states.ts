/**
 * The states the form renders, built in one place: the email step, the code step (from what the
 * sealed challenge says), the sign-up invitation, and their alerts.
 *
 * @module
 */
import {
  linkErrorCopy,
  type ChallengeView,
  type LinkSignInCode,
  type LinkSignupOutcome,
} from "@login-with-link/core"
import type { LinkFormState, LinkSignInAlert } from "@login-with-link/react"
import { shownEmail } from "./fields.js"

/** An alert for `code`, with the default copy resolved here and the numbers it carries. */
export function alertFor(
  code: LinkSignInCode,
  kind: LinkSignInAlert["kind"],
  field: LinkSignInAlert["field"],
  extra: Partial<LinkSignInAlert> = {}
): LinkSignInAlert {
  const copy = linkErrorCopy[code]
  const alert: LinkSignInAlert = {
    kind,
    code,
    message: copy.message,
    action: copy.action,
    ...extra,
  }
  if (field) alert.field = field
  return alert
}

/** The numbers a failure carries (a wait, the tries left), as alert fields. */
export function waitFields(outcome: {
  retryAfter?: number
  attemptsLeft?: number
}): Partial<LinkSignInAlert> {
  const extra: Partial<LinkSignInAlert> = {}
  if (outcome.retryAfter !== undefined) extra.retryAfter = outcome.retryAfter
  if (outcome.attemptsLeft !== undefined)
    extra.attemptsLeft = outcome.attemptsLeft
  return extra
}

export function emailStep(
  email: string,
  seq: number,
  alert?: LinkSignInAlert
): LinkFormState {
  const state: LinkFormState = {
    step: "email",
    email: shownEmail(email),
    serverNow: Date.now(),
    seq,
  }
  if (alert) state.alert = alert
  return state
}

/** The code step, from what the sealed challenge says (never from what the browser posted). */
export function codeStep(
  view: ChallengeView,
  seq: number,
  alert?: LinkSignInAlert,
  resendAt = view.resendAt
): LinkFormState {
  const state: LinkFormState = {
    step: "code",
    email: view.email,
    redactedPhone: view.redactedPhone,
    expiresAt: view.expiresAt,
    resendAt,
    serverNow: Date.now(),
    seq,
  }
  if (alert) state.alert = alert
  return state
}

export function signupStep(
  outcome: LinkSignupOutcome,
  seq: number
): LinkFormState {
  return {
    step: "signup",
    email: outcome.email,
    signupUrl: signupUrlWithReturn(outcome.signupUrl, outcome.email),
    alert: alertFor("signup_required", "info", undefined, { quiet: true }),
    serverNow: Date.now(),
    seq,
  }
}

/** The sign-up page with the way back to this page, the email filled in. */
function signupUrlWithReturn(signupUrl: string, email: string): string {
  if (!URL.canParse(signupUrl)) return signupUrl
  const url = new URL(signupUrl)
  const back = url.searchParams.get("return_to")
  if (back && URL.canParse(back)) {
    const from = new URL(back)
    const to = new URL(from.pathname, from.origin)
    to.searchParams.set("email", email)
    for (const [key, value] of from.searchParams)
      if (key !== "email") to.searchParams.append(key, value)
    url.searchParams.set("return_to", to.href)
  }
  return url.href
}
