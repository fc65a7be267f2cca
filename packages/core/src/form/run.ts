/**
 * The form's state machine, shared by every driver: given a posted form, run the step it asks for
 * through the framework's steps, keep the challenge where the driver keeps it, and answer the state
 * the form renders next. The pending sign-in has one opening (`withPending`), so verify and resend
 * do not repeat it.
 *
 * @module
 */
import type { ChallengeView } from "../challenge-view.js"
import { linkCodeStartsOver } from "../codes.js"
import type { LinkCodeSentOutcome, LinkSignupOutcome } from "../sign-in.js"
import {
  LINK_SIGN_IN_FIELDS,
  type LinkFormState,
  type LinkSignInAlert,
} from "./state.js"
import {
  linkFormField,
  linkFormIntent,
  MAX_FORM_EMAIL,
  MAX_FORM_HUMAN_TOKEN,
  nextLinkFormSeq,
} from "./form-data.js"
import {
  codeState,
  emailState,
  failureAlert,
  linkAlert,
  signupState,
  type LinkStepFailure,
} from "./states.js"

/** What each step is given besides its own input. */
export interface LinkFormStepContext {
  /** The checked same-origin path to go to once signed in. */
  callbackUrl: string
  /** The app's human check answer (`human_token`), when the form carried one. */
  humanToken?: string
}

/** The framework's sign-in steps, as the form's drivers call them. */
export interface LinkFormSteps {
  start(
    email: string,
    ctx: LinkFormStepContext
  ): Promise<LinkCodeSentOutcome | LinkSignupOutcome | LinkStepFailure>
  resend(
    challenge: string,
    ctx: LinkFormStepContext
  ): Promise<LinkCodeSentOutcome | LinkStepFailure>
  /** A right code signs the person in (the framework's session is set): `signed_in`. */
  verify(
    challenge: string,
    code: string,
    ctx: LinkFormStepContext
  ): Promise<{ status: "signed_in" } | LinkStepFailure>
  /** "Continue with Link" (OAuth): where to send the person, or why not. */
  oauth?(
    ctx: LinkFormStepContext
  ): Promise<{ status: "redirect"; url: string } | LinkStepFailure>
}

/** The sign-in in progress as the driver keeps it. */
export type LinkPending =
  | { status: "open"; challenge: string; view: ChallengeView }
  | { status: "none" }
  | {
      status: "refused"
      code: "challenge_expired" | "challenge_invalid"
      /** The email, when an expired challenge still says it; else "". */
      email: string
    }

/** Where a driver keeps the challenge between the steps (an httpOnly cookie). */
export interface LinkPendingStore {
  read(): Promise<LinkPending>
  write(sent: LinkCodeSentOutcome): Promise<void>
  clear(): Promise<void>
}

/** Options of {@link runLinkForm}. */
export interface RunLinkFormOptions {
  steps: LinkFormSteps
  pending: LinkPendingStore
  /** The checked same-origin path to go to once signed in. */
  callbackUrl: string
  /**
   * After a right code: a server driver redirects (and never returns); a browser driver answers
   * the state with `redirectTo` (and `seq`, this answer's sequence number).
   */
  signedIn(callbackUrl: string, seq: number): Promise<LinkFormState>
  /**
   * Send the person to Link's OAuth page (a server redirect, or the browser's navigation). Without
   * it, the `oauth` step can only fail (a driver that starts OAuth itself and has the form word
   * why it did not).
   */
  redirect?(url: string): Promise<LinkFormState>
}

async function sent(
  options: RunLinkFormOptions,
  outcome: LinkCodeSentOutcome,
  seq: number,
  resent: boolean
): Promise<LinkFormState> {
  await options.pending.write(outcome)
  return codeState(
    outcome,
    seq,
    linkAlert(
      "code_sent",
      "info",
      "code",
      resent ? { resent } : { quiet: true }
    )
  )
}

/** The sign-in in progress is over: forget its challenge, back to the email step, saying why. */
async function startOver(
  options: RunLinkFormOptions,
  email: string,
  seq: number,
  alert: LinkSignInAlert
): Promise<LinkFormState> {
  await options.pending.clear()
  return emailState(email, seq, alert)
}

/** Run `step` on the open sign-in; with none (or a refused one), the email step says why. */
async function withPending(
  options: RunLinkFormOptions,
  seq: number,
  step: (
    open: Extract<LinkPending, { status: "open" }>
  ) => Promise<LinkFormState>
): Promise<LinkFormState> {
  const pending = await options.pending.read()
  if (pending.status === "none")
    return emailState("", seq, linkAlert("challenge_expired", "error", "email"))
  if (pending.status === "refused")
    return startOver(
      options,
      pending.email,
      seq,
      linkAlert(pending.code, "error", "email")
    )
  return step(pending)
}

async function start(
  options: RunLinkFormOptions,
  email: string,
  ctx: LinkFormStepContext,
  seq: number
): Promise<LinkFormState> {
  if (!email || email.length > MAX_FORM_EMAIL)
    return emailState(email, seq, linkAlert("invalid_email", "error", "email"))
  const outcome = await options.steps.start(email, ctx)
  switch (outcome.status) {
    case "code_sent":
      return sent(options, outcome, seq, false)
    case "signup_required":
      await options.pending.clear()
      return signupState(outcome.signupUrl, outcome.email, seq)
    case "error":
      return emailState(email, seq, failureAlert(outcome, "email"))
  }
}

function verify(
  options: RunLinkFormOptions,
  code: string,
  ctx: LinkFormStepContext,
  seq: number
): Promise<LinkFormState> {
  return withPending(options, seq, async (open) => {
    const outcome = await options.steps.verify(open.challenge, code, ctx)
    if (outcome.status === "signed_in") {
      await options.pending.clear()
      return options.signedIn(ctx.callbackUrl, seq)
    }
    // The one list of codes says which end the sign-in (too many attempts, an expired
    // challenge…); a driver's own failure (an account policy) ends it too.
    if (linkCodeStartsOver(outcome.code))
      return startOver(
        options,
        open.view.email,
        seq,
        failureAlert(outcome, "email")
      )
    const field = outcome.code === "code_expired" ? "resend" : "code"
    return codeState(open.view, seq, failureAlert(outcome, field))
  })
}

function resend(
  options: RunLinkFormOptions,
  ctx: LinkFormStepContext,
  seq: number
): Promise<LinkFormState> {
  return withPending(options, seq, async (open) => {
    const outcome = await options.steps.resend(open.challenge, ctx)
    if (outcome.status === "code_sent") return sent(options, outcome, seq, true)
    if (linkCodeStartsOver(outcome.code))
      return startOver(
        options,
        open.view.email,
        seq,
        failureAlert(outcome, "email")
      )
    // Keep the countdown honest: the server said when a new code may be sent.
    const resendAt =
      outcome.code === "rate_limited" && outcome.retryAfter
        ? Math.max(open.view.resendAt, Date.now() + outcome.retryAfter * 1000)
        : open.view.resendAt
    return codeState(open.view, seq, failureAlert(outcome, "resend"), resendAt)
  })
}

async function oauth(
  options: RunLinkFormOptions,
  ctx: LinkFormStepContext,
  email: string,
  seq: number
): Promise<LinkFormState> {
  const answer = options.steps.oauth
    ? await options.steps.oauth(ctx)
    : ({ status: "error", code: "link_unavailable" } as const)
  if (answer.status === "redirect" && options.redirect)
    return options.redirect(answer.url)
  return emailState(
    email,
    seq,
    failureAlert(
      answer.status === "error"
        ? answer
        : { status: "error", code: "link_unavailable" },
      "email"
    )
  )
}

/** The state of the page as it renders: the sign-in in progress, if any (read only). */
export async function currentLinkForm(
  pending: LinkPendingStore
): Promise<LinkFormState> {
  const read = await pending.read()
  if (read.status === "open") return codeState(read.view, 0)
  if (read.status === "refused" && read.code === "challenge_expired")
    return emailState(
      read.email,
      0,
      linkAlert("challenge_expired", "error", "email")
    )
  return emailState("", 0)
}

/**
 * Run the step a posted sign-in form asks for (`intent`: `start`, `verify`, `resend`, `change`,
 * `resume`, `oauth`) and answer the state the form renders next. `previousState` is read for its
 * sequence number only; the page's email and phone come from the pending challenge's view.
 *
 * @example
 * ```ts
 * const state = await runLinkForm(previousState, formData, {
 *   steps, pending, callbackUrl,
 *   signedIn: async (to) => redirect(to),
 * })
 * ```
 */
export async function runLinkForm(
  previousState: unknown,
  formData: FormData,
  options: RunLinkFormOptions
): Promise<LinkFormState> {
  const seq = nextLinkFormSeq(previousState)
  const humanToken = linkFormField(
    formData,
    LINK_SIGN_IN_FIELDS.humanToken,
    MAX_FORM_HUMAN_TOKEN
  )
  const ctx: LinkFormStepContext = {
    callbackUrl: options.callbackUrl,
    ...(humanToken ? { humanToken } : {}),
  }
  const postedEmail = linkFormField(formData, LINK_SIGN_IN_FIELDS.email)
    .toLowerCase()
    .slice(0, MAX_FORM_EMAIL + 1)
  switch (linkFormIntent(formData)) {
    case "start":
      return start(options, postedEmail, ctx, seq)
    case "verify":
      return verify(
        options,
        linkFormField(formData, LINK_SIGN_IN_FIELDS.code),
        ctx,
        seq
      )
    case "resend":
      return resend(options, ctx, seq)
    case "oauth":
      return oauth(options, ctx, postedEmail.slice(0, MAX_FORM_EMAIL), seq)
    case "change": {
      const pending = await options.pending.read()
      await options.pending.clear()
      return emailState(
        pending.status === "open" ? pending.view.email : postedEmail,
        seq
      )
    }
    case "resume":
    default: {
      // Asked for the state as it is (another tab changed it), or for nothing we know: the email
      // this tab had stays filled in when no sign-in is in progress.
      const state = await currentLinkForm(options.pending)
      if (state.step === "email" && !state.email)
        state.email = postedEmail.slice(0, MAX_FORM_EMAIL)
      return { ...state, seq }
    }
  }
}
