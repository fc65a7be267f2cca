/**
 * The steps `linkSignIn` runs, each one `signIn(provider, …)` call read into the state the form
 * renders next: start (email), verify (code), resend, change (another email), and reading the
 * sign-in in progress.
 *
 * @module
 */
import { redirect, unstable_rethrow } from "next/navigation"
import { readLinkOutcome, type LinkOutcome } from "@login-with-link/provider"
import {
  isLinkErrorCode,
  linkCodeStartsOver,
  MAX_EMAIL_LENGTH,
  type LinkCodeSentOutcome,
} from "@login-with-link/core"
import type { LinkFormState, LinkSignInAlert } from "@login-with-link/react"
import type { ChallengeReader } from "../common/challenge-reader.js"
import {
  clearChallengeCookie,
  writeChallengeCookie,
} from "./challenge-cookie.js"
import {
  readPending,
  startOver,
  withPending,
  type OpenPending,
} from "./pending.js"
import {
  alertFor,
  codeStep,
  emailStep,
  signupStep,
  waitFields,
} from "./states.js"

/**
 * next-auth's `signIn` (from `NextAuth(...)` in the app's `auth.ts`), as `linkSignIn` calls it:
 * credentials as the second argument, with `redirect: false`; for "Continue with Link" (the
 * OAuth provider), with `redirectTo` alone, so that it redirects.
 */
export type LinkSignInFunction = (
  provider: string,
  options: {
    redirect?: false
    redirectTo: string
    [field: string]: string | false | undefined
  }
) => Promise<unknown>

/** Where failures that are not the person's go (Auth.js's `logger` shape). */
export interface LinkSignInLogger {
  error(error: Error): void
}

/** What every step is given. */
export interface StepContext {
  signIn: LinkSignInFunction
  /** The provider's id, as in `signIn("link")`. */
  provider: string
  read: ChallengeReader
  /** The checked callback URL (a same-origin path). */
  callbackUrl: string
  seq: number
  logger: LinkSignInLogger
  /** `{ human_token }` when the form carried the app's human check answer, else `{}`. */
  human: Record<string, string>
}

type Attempt = LinkOutcome | { status: "signed_in" }

/** Whether next-auth answered with its error page instead of the callback URL. */
function isErrorRedirect(url: unknown, callbackUrl: string): boolean {
  if (typeof url !== "string" || !URL.canParse(url, "http://n.invalid"))
    return true
  const answer = new URL(url, "http://n.invalid")
  if (`${answer.pathname}${answer.search}${answer.hash}` === callbackUrl)
    return false
  return answer.searchParams.has("error")
}

/** One `signIn(provider)` call, its outcome read whether Auth.js wrapped our error or not. */
async function attempt(
  ctx: StepContext,
  credentials: Record<string, string>
): Promise<Attempt> {
  try {
    const url = await ctx.signIn(ctx.provider, {
      ...credentials,
      redirect: false,
      redirectTo: ctx.callbackUrl,
    })
    // A misconfiguration: Auth.js answers with its error page's URL instead of throwing.
    if (isErrorRedirect(url, ctx.callbackUrl))
      return { status: "error", code: "link_unavailable" }
    return { status: "signed_in" }
  } catch (error) {
    const outcome = readLinkOutcome(error)
    if (outcome) return outcome
    // Next.js's own control flow (redirect, notFound, dynamic rendering) is never swallowed.
    unstable_rethrow(error)
    // Any other failure (an Auth.js error, a bug, a network error in a callback) goes to the
    // logger, and the person is told that signing in does not work right now.
    const code = (error as { code?: unknown } | null)?.code
    if (isLinkErrorCode(code)) return { status: "error", code }
    ctx.logger.error(error instanceof Error ? error : new Error(String(error)))
    return { status: "error", code: "link_unavailable" }
  }
}

/** A code was sent: keep the challenge in the cookie, show the code step. */
async function sent(
  outcome: LinkCodeSentOutcome,
  seq: number,
  resent: boolean
): Promise<LinkFormState> {
  await writeChallengeCookie(outcome.challenge, outcome.expiresAt)
  return codeStep(
    outcome,
    seq,
    alertFor("code_sent", "info", "code", resent ? { resent } : { quiet: true })
  )
}

/**
 * A verify or resend that did not do what it asked: the code step again with the reason, or the
 * email step when the code says the sign-in is over (too many attempts, an expired challenge...).
 */
function failed(
  ctx: StepContext,
  pending: OpenPending,
  outcome: Attempt,
  field: NonNullable<LinkSignInAlert["field"]>,
  resendAt?: number
): Promise<LinkFormState> | LinkFormState {
  if (outcome.status !== "error")
    return codeStep(
      pending.view,
      ctx.seq,
      alertFor("link_unavailable", "error", field)
    )
  if (linkCodeStartsOver(outcome.code))
    return startOver(pending.view.email, ctx.seq, outcome.code)
  return codeStep(
    pending.view,
    ctx.seq,
    alertFor(outcome.code, "error", field, waitFields(outcome)),
    resendAt
  )
}

/** Look the email up and text a code: the code step, the sign-up invitation, or the reason. */
export async function start(
  ctx: StepContext,
  email: string
): Promise<LinkFormState> {
  if (!email || email.length > MAX_EMAIL_LENGTH)
    return emailStep(
      email,
      ctx.seq,
      alertFor("invalid_email", "error", "email")
    )
  const outcome = await attempt(ctx, { email, ...ctx.human })
  switch (outcome.status) {
    case "code_sent":
      return sent(outcome, ctx.seq, false)
    case "signup_required":
      await clearChallengeCookie()
      return signupStep(outcome, ctx.seq)
    case "error":
      return emailStep(
        email,
        ctx.seq,
        alertFor(outcome.code, "error", "email", waitFields(outcome))
      )
    case "signed_in":
      // Only a code signs in: an email alone never does.
      return emailStep(
        email,
        ctx.seq,
        alertFor("link_unavailable", "error", "email")
      )
  }
}

/** Check the code: a redirect to the callback URL, or the state that says why not. */
export function verify(ctx: StepContext, code: string): Promise<LinkFormState> {
  return withPending(ctx.read, ctx.seq, async (pending) => {
    const outcome = await attempt(ctx, { challenge: pending.challenge, code })
    if (outcome.status === "signed_in") {
      await clearChallengeCookie()
      redirect(ctx.callbackUrl)
    }
    return failed(
      ctx,
      pending,
      outcome,
      outcome.status === "error" && outcome.code === "code_expired"
        ? "resend"
        : "code"
    )
  })
}

/** Send a new code for the same challenge. */
export function resend(ctx: StepContext): Promise<LinkFormState> {
  return withPending(ctx.read, ctx.seq, async (pending) => {
    const outcome = await attempt(ctx, {
      challenge: pending.challenge,
      resend: "1",
      ...ctx.human,
    })
    if (outcome.status === "code_sent") return sent(outcome, ctx.seq, true)
    // Keep the countdown honest: the server said when a new code may be sent.
    const resendAt =
      outcome.status === "error" &&
      outcome.code === "rate_limited" &&
      outcome.retryAfter
        ? Math.max(
            pending.view.resendAt,
            Date.now() + outcome.retryAfter * 1000
          )
        : pending.view.resendAt
    return failed(ctx, pending, outcome, "resend", resendAt)
  })
}

/**
 * "Continue with Link": the app's OAuth provider for Link, through `signIn`, which answers with
 * Next.js's redirect to Link's page (passed through, never caught). A `signIn` that fails (no such
 * provider, a misconfiguration) is logged, and the person sees `link_unavailable`.
 */
export async function oauth(
  ctx: StepContext,
  providerId: string
): Promise<LinkFormState> {
  try {
    await ctx.signIn(providerId, { redirectTo: ctx.callbackUrl })
  } catch (error) {
    unstable_rethrow(error)
    ctx.logger.error(error instanceof Error ? error : new Error(String(error)))
    return emailStep(
      "",
      ctx.seq,
      alertFor("link_unavailable", "error", undefined)
    )
  }
  // signIn returned instead of redirecting: nothing was signed in, and nothing can be shown.
  ctx.logger.error(
    new Error(`signIn("${providerId}") returned instead of redirecting to Link`)
  )
  return emailStep(
    "",
    ctx.seq,
    alertFor("link_unavailable", "error", undefined)
  )
}

/** Forget the challenge ("use a different email"): the email step, that email filled in. */
export async function change(
  ctx: StepContext,
  postedEmail: string
): Promise<LinkFormState> {
  const pending = await readPending(ctx.read)
  await clearChallengeCookie()
  return emailStep(
    pending.status === "open" ? pending.view.email : postedEmail,
    ctx.seq
  )
}

/** The sign-in in progress, as the page renders it (read only; no Link call). */
export async function current(
  read: ChallengeReader,
  seq = 0
): Promise<LinkFormState> {
  const pending = await readPending(read)
  if (pending.status === "open") return codeStep(pending.view, seq)
  if (pending.status === "refused" && pending.code === "challenge_expired")
    return emailStep(
      pending.email,
      seq,
      alertFor("challenge_expired", "error", "email")
    )
  return emailStep("", seq)
}
