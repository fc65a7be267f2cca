/**
 * The states a driver answers: the email step, the code step (from the challenge's view, never
 * from posted fields), the sign-up invitation, each with its alert and the copy for its code.
 *
 * @module
 */
import type { ChallengeView } from "../challenge-view.js"
import type { LinkSignInCode } from "../codes.js"
import { linkErrorCopy, type LinkErrorCopy } from "../copy.js"
import type { LinkDriverCode, LinkFormState, LinkSignInAlert } from "./state.js"
import { MAX_FORM_EMAIL } from "./form-data.js"

/** A step failed: a provider code, or a driver's own with its words. */
export interface LinkStepFailure {
  status: "error"
  code: LinkSignInCode | LinkDriverCode
  /** Seconds until a retry may work. */
  retryAfter?: number
  /** Wrong-code attempts left, when Link says. */
  attemptsLeft?: number
  /** The words for a code that is not the provider's (the provider's come from `linkErrorCopy`). */
  copy?: LinkErrorCopy
}

const isProviderCode = (code: string): code is LinkSignInCode =>
  Object.hasOwn(linkErrorCopy, code)

/** An alert for a code, with its default copy. */
export function linkAlert(
  code: LinkSignInCode | LinkDriverCode,
  kind: LinkSignInAlert["kind"],
  field: LinkSignInAlert["field"],
  extra: Partial<LinkSignInAlert> & { copy?: LinkErrorCopy | undefined } = {}
): LinkSignInAlert {
  const { copy: own, ...rest } = extra
  const copy = own ??
    (isProviderCode(code) ? linkErrorCopy[code] : undefined) ?? {
      ...linkErrorCopy.link_unavailable,
    }
  const alert: LinkSignInAlert = {
    kind,
    code,
    message: copy.message,
    action: copy.action,
    ...rest,
  }
  if (field) alert.field = field
  return alert
}

/** An alert for a failed step: its code, words and waits. */
export function failureAlert(
  failure: LinkStepFailure,
  field: LinkSignInAlert["field"]
): LinkSignInAlert {
  const extra: Partial<LinkSignInAlert> & { copy?: LinkErrorCopy } = {}
  if (failure.retryAfter !== undefined) extra.retryAfter = failure.retryAfter
  if (failure.attemptsLeft !== undefined)
    extra.attemptsLeft = failure.attemptsLeft
  if (failure.copy) extra.copy = failure.copy
  return linkAlert(failure.code, "error", field, extra)
}

export function emailState(
  email: string,
  seq: number,
  alert?: LinkSignInAlert
): LinkFormState {
  const state: LinkFormState = {
    step: "email",
    email: email.slice(0, MAX_FORM_EMAIL),
    serverNow: Date.now(),
    seq,
  }
  if (alert) state.alert = alert
  return state
}

export function codeState(
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

/** The sign-up page with the way back to this page, the email filled in. */
export function signupUrlWithReturn(signupUrl: string, email: string): string {
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

export function signupState(
  signupUrl: string,
  email: string,
  seq: number
): LinkFormState {
  return {
    step: "signup",
    email,
    signupUrl: signupUrlWithReturn(signupUrl, email),
    alert: linkAlert("signup_required", "info", undefined, { quiet: true }),
    serverNow: Date.now(),
    seq,
  }
}
