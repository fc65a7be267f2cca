/**
 * `linkSignIn(signIn, previousState, formData)`: the whole body of an app's sign-in server action.
 * The posted `intent` (else the posted fields) picks the step; each answer is the state the form
 * renders next. Called with no form data (from the page, while it renders), it answers the sign-in
 * in progress from the cookie, so a second tab, a reload or a page without JavaScript continues at
 * the same step.
 *
 * @module
 */
import { headers } from "next/headers"
import { redirect, unstable_rethrow } from "next/navigation"
import {
  isLinkErrorCode,
  linkCodeStartsOver,
  linkErrorCopy,
  readLinkOutcome,
  safeCallbackUrl,
  type LinkCodeSentOutcome,
  type LinkOutcome,
  type LinkSignInCode,
  type SafeCallbackUrlOptions,
} from "@login-with-link/provider"
import {
  LINK_SIGN_IN_FIELDS,
  LINK_SIGN_IN_INTENTS,
  type LinkSignInAlert,
  type LinkSignInIntent,
  type LinkSignInState,
} from "@login-with-link/react"
import {
  challengeReader,
  type ChallengeView,
} from "../common/challenge-reader.js"
import {
  clearChallengeCookie,
  isHttpsRequest,
  readChallengeCookie,
  writeChallengeCookie,
} from "./challenge-cookie.js"

/**
 * next-auth's `signIn` (from `NextAuth(...)` in the app's `auth.ts`), as this function calls it:
 * credentials as the second argument, with `redirect: false`.
 */
export type LinkSignInFunction = (
  provider: string,
  options: {
    redirect: false
    redirectTo: string
    [field: string]: string | false
  }
) => Promise<unknown>

/** Options of {@link linkSignIn}. Every one is optional. */
export interface LinkSignInOptions {
  /** The provider's id, as in `signIn("link")`. @default "link" */
  provider?: string
  /**
   * Where a signed-in person goes: the posted `callbackUrl` when it is a same-origin path (else
   * `fallback`), never a path in `exclude` (e.g. the sign-in page itself).
   * @default { fallback: "/" }
   */
  callbackUrl?: SafeCallbackUrlOptions
}

const MAX_EMAIL = 320
const MAX_FIELD = 2048

type Pending =
  | { status: "open"; challenge: string; view: ChallengeView }
  | { status: "none" }
  | {
      status: "refused"
      code: "challenge_expired" | "challenge_invalid"
      email: string
    }

/** The field's text, trimmed; "" when absent, not text, or longer than any real value. */
function field(formData: FormData, name: string): string {
  const value = formData.get(name)
  if (typeof value !== "string" || value.length > MAX_FIELD) return ""
  return value.trim()
}

function intentOf(formData: FormData): LinkSignInIntent | undefined {
  const intent = field(formData, LINK_SIGN_IN_FIELDS.intent)
  if ((LINK_SIGN_IN_INTENTS as readonly string[]).includes(intent))
    return intent as LinkSignInIntent
  // An intent that is not one of ours: no step is guessed for it.
  if (formData.has(LINK_SIGN_IN_FIELDS.intent)) return undefined
  // A form without the hidden field (a hand-written one): the fields say which step it is.
  if (field(formData, LINK_SIGN_IN_FIELDS.code)) return "verify"
  if (field(formData, LINK_SIGN_IN_FIELDS.email)) return "start"
  return undefined
}

/** The sequence number of the answer: one more than the last, whatever was posted as that. */
function nextSeq(previous: unknown): number {
  const seq =
    typeof previous === "object" && previous !== null && "seq" in previous
      ? (previous as { seq: unknown }).seq
      : undefined
  return typeof seq === "number" && Number.isSafeInteger(seq) && seq >= 0
    ? (seq % 1_000_000) + 1
    : 1
}

/** The posted `callbackUrl`, else the one in the page's address (the Referer), checked. */
async function callbackUrlOf(
  formData: FormData,
  options: SafeCallbackUrlOptions
): Promise<string> {
  let value: string | undefined = field(
    formData,
    LINK_SIGN_IN_FIELDS.callbackUrl
  )
  if (!value) {
    const referer = (await headers()).get("referer")
    if (referer && URL.canParse(referer))
      value = new URL(referer).searchParams.get("callbackUrl") ?? undefined
  }
  return safeCallbackUrl(await ownOriginAsPath(value), options)
}

/**
 * Auth.js sends people to a custom sign-in page with an absolute `callbackUrl`
 * (`/api/auth/signin` and the proxy's `authorized` redirect both write
 * `/login?callbackUrl=https://shop.example/account`). One on this request's own origin (the host
 * and scheme Next.js itself checks a server action's Origin against) is taken as its path, which
 * `safeCallbackUrl` then checks like any other; any other absolute URL is left for it to refuse.
 */
async function ownOriginAsPath(
  value: string | undefined
): Promise<string | undefined> {
  if (!value || !/^https?:\/\//i.test(value) || !URL.canParse(value))
    return value
  const requestHeaders = await headers()
  const host = (
    requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host")
  )
    ?.split(",")[0]
    ?.trim()
  const scheme = (await isHttpsRequest()) ? "https" : "http"
  if (!host || !URL.canParse(`${scheme}://${host}`)) return value
  const url = new URL(value)
  if (url.origin !== new URL(`${scheme}://${host}`).origin) return value
  return `${url.pathname}${url.search}${url.hash}`
}

function alertFor(
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

function emailStep(
  email: string,
  seq: number,
  alert?: LinkSignInAlert
): LinkSignInState {
  const state: LinkSignInState = {
    step: "email",
    email: email.slice(0, MAX_EMAIL),
    serverNow: Date.now(),
    seq,
  }
  if (alert) state.alert = alert
  return state
}

function codeStep(
  view: ChallengeView,
  seq: number,
  alert?: LinkSignInAlert,
  resendAt = view.resendAt
): LinkSignInState {
  const state: LinkSignInState = {
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

/** The challenge in the cookie and what it says, or why there is none. */
async function readPending(provider: string): Promise<Pending> {
  const cookie = await readChallengeCookie()
  if (cookie.status === "missing") return { status: "none" }
  if (cookie.status === "oversized")
    return { status: "refused", code: "challenge_invalid", email: "" }
  const read = challengeReader(provider)
  try {
    return {
      status: "open",
      challenge: cookie.challenge,
      view: await read(cookie.challenge),
    }
  } catch (error) {
    const expired =
      typeof error === "object" &&
      error !== null &&
      (error as { code?: unknown }).code === "LWL_CHALLENGE_EXPIRED"
    if (!expired)
      return { status: "refused", code: "challenge_invalid", email: "" }
    // Expired but genuine: the email can still be filled in again.
    let email = ""
    try {
      email = (await read(cookie.challenge, { allowExpired: true })).email
    } catch {
      // unreadable after all: start with an empty email
    }
    return { status: "refused", code: "challenge_expired", email }
  }
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
  signIn: LinkSignInFunction,
  provider: string,
  credentials: Record<string, string>,
  callbackUrl: string
): Promise<Attempt> {
  try {
    const url = await signIn(provider, {
      ...credentials,
      redirect: false,
      redirectTo: callbackUrl,
    })
    // A misconfiguration: Auth.js answers with its error page's URL instead of throwing.
    if (isErrorRedirect(url, callbackUrl))
      return { status: "error", code: "link_unavailable" }
    return { status: "signed_in" }
  } catch (error) {
    const outcome = readLinkOutcome(error)
    if (outcome) return outcome
    // Next.js's own control flow (redirect, notFound, dynamic rendering) is never swallowed.
    unstable_rethrow(error)
    // Any other failure (an Auth.js error, a bug, a network error in a callback) is logged here,
    // and the person is told that signing in does not work right now.
    const code = (error as { code?: unknown } | null)?.code
    if (!isLinkErrorCode(code))
      console.error("[login-with-link] sign-in failed:", error)
    return {
      status: "error",
      code: isLinkErrorCode(code) ? code : "link_unavailable",
    }
  }
}

function waitFields(outcome: {
  retryAfter?: number
  attemptsLeft?: number
}): Partial<LinkSignInAlert> {
  const extra: Partial<LinkSignInAlert> = {}
  if (outcome.retryAfter !== undefined) extra.retryAfter = outcome.retryAfter
  if (outcome.attemptsLeft !== undefined)
    extra.attemptsLeft = outcome.attemptsLeft
  return extra
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

async function sent(
  outcome: LinkCodeSentOutcome,
  seq: number,
  resent: boolean
): Promise<LinkSignInState> {
  await writeChallengeCookie(outcome.challenge, outcome.expiresAt)
  return codeStep(
    outcome,
    seq,
    alertFor("code_sent", "info", "code", resent ? { resent } : { quiet: true })
  )
}

async function start(
  signIn: LinkSignInFunction,
  provider: string,
  email: string,
  callbackUrl: string,
  seq: number
): Promise<LinkSignInState> {
  if (!email || email.length > MAX_EMAIL)
    return emailStep(email, seq, alertFor("invalid_email", "error", "email"))
  const outcome = await attempt(signIn, provider, { email }, callbackUrl)
  switch (outcome.status) {
    case "code_sent":
      return sent(outcome, seq, false)
    case "signup_required":
      await clearChallengeCookie()
      return {
        step: "signup",
        email: outcome.email,
        signupUrl: signupUrlWithReturn(outcome.signupUrl, outcome.email),
        alert: alertFor("signup_required", "info", undefined, { quiet: true }),
        serverNow: Date.now(),
        seq,
      }
    case "error":
      return emailStep(
        email,
        seq,
        alertFor(outcome.code, "error", "email", waitFields(outcome))
      )
    case "signed_in":
      // Only a code signs in: an email alone never does.
      return emailStep(
        email,
        seq,
        alertFor("link_unavailable", "error", "email")
      )
  }
}

/** The sign-in in progress is over: forget its challenge, back to the email step, saying why. */
async function startOver(
  email: string,
  seq: number,
  code: LinkSignInCode
): Promise<LinkSignInState> {
  await clearChallengeCookie()
  return emailStep(email, seq, alertFor(code, "error", "email"))
}

async function verify(
  signIn: LinkSignInFunction,
  provider: string,
  code: string,
  callbackUrl: string,
  seq: number
): Promise<LinkSignInState> {
  const pending = await readPending(provider)
  if (pending.status === "none")
    return emailStep("", seq, alertFor("challenge_expired", "error", "email"))
  if (pending.status === "refused")
    return startOver(pending.email, seq, pending.code)
  const outcome = await attempt(
    signIn,
    provider,
    { challenge: pending.challenge, code },
    callbackUrl
  )
  if (outcome.status === "signed_in") {
    await clearChallengeCookie()
    redirect(callbackUrl)
  }
  if (outcome.status !== "error")
    return codeStep(
      pending.view,
      seq,
      alertFor("link_unavailable", "error", "code")
    )
  // The one list of codes says which end the sign-in (too many attempts, an expired challenge...).
  if (linkCodeStartsOver(outcome.code))
    return startOver(pending.view.email, seq, outcome.code)
  const field = outcome.code === "code_expired" ? "resend" : "code"
  return codeStep(
    pending.view,
    seq,
    alertFor(outcome.code, "error", field, waitFields(outcome))
  )
}

async function resend(
  signIn: LinkSignInFunction,
  provider: string,
  callbackUrl: string,
  seq: number
): Promise<LinkSignInState> {
  const pending = await readPending(provider)
  if (pending.status === "none")
    return emailStep("", seq, alertFor("challenge_expired", "error", "email"))
  if (pending.status === "refused")
    return startOver(pending.email, seq, pending.code)
  const outcome = await attempt(
    signIn,
    provider,
    { challenge: pending.challenge, resend: "1" },
    callbackUrl
  )
  if (outcome.status === "code_sent") return sent(outcome, seq, true)
  if (outcome.status !== "error")
    return codeStep(
      pending.view,
      seq,
      alertFor("link_unavailable", "error", "resend")
    )
  if (linkCodeStartsOver(outcome.code))
    return startOver(pending.view.email, seq, outcome.code)
  // Keep the countdown honest: the server said when a new code may be sent.
  const resendAt =
    outcome.code === "rate_limited" && outcome.retryAfter
      ? Math.max(pending.view.resendAt, Date.now() + outcome.retryAfter * 1000)
      : pending.view.resendAt
  return codeStep(
    pending.view,
    seq,
    alertFor(outcome.code, "error", "resend", waitFields(outcome)),
    resendAt
  )
}

/** The state of the page as it renders: the sign-in in progress, if any (read only). */
async function current(provider: string): Promise<LinkSignInState> {
  const pending = await readPending(provider)
  if (pending.status === "open") return codeStep(pending.view, 0)
  if (pending.status === "refused" && pending.code === "challenge_expired")
    return emailStep(
      pending.email,
      0,
      alertFor("challenge_expired", "error", "email")
    )
  return emailStep("", 0)
}

/**
 * The whole body of the app's sign-in server action.
 *
 * - With form data (a form posted): runs the step the form asks for (`intent`: `start`, `verify`,
 *   `resend`, `change`) and answers the state the form renders next. The challenge goes to an
 *   httpOnly cookie; the email and phone on the page come from the sealed challenge only;
 *   `previousState` is not trusted for anything. A right code redirects to the checked
 *   `callbackUrl` (Next.js's `redirect`, so it also works without JavaScript).
 * - Without form data (called by the page while it renders): the sign-in in progress, from the
 *   cookie, so another tab or a reload continues where the person is.
 *
 * Every failure is a coded state (`alert.code` is one of the provider's codes); nothing the
 * browser sends leads to an exception, except Next.js's own redirect.
 *
 * @example
 * ```ts
 * // app/login/actions.ts
 * "use server"
 * import { linkSignIn } from "@login-with-link/next/server"
 * import { signIn } from "@/auth"
 * export const linkAction = async (state?: unknown, form?: FormData) =>
 *   linkSignIn(signIn, state, form)
 * ```
 */
export async function linkSignIn(
  signIn: LinkSignInFunction,
  previousState?: unknown,
  formData?: FormData | null,
  options: LinkSignInOptions = {}
): Promise<LinkSignInState> {
  const provider = options.provider ?? "link"
  if (!(formData instanceof FormData)) return current(provider)
  const seq = nextSeq(previousState)
  const callbackUrl = await callbackUrlOf(formData, options.callbackUrl ?? {})
  switch (intentOf(formData)) {
    case "start":
      return start(
        signIn,
        provider,
        field(formData, LINK_SIGN_IN_FIELDS.email).toLowerCase(),
        callbackUrl,
        seq
      )
    case "verify":
      return verify(
        signIn,
        provider,
        field(formData, LINK_SIGN_IN_FIELDS.code),
        callbackUrl,
        seq
      )
    case "resend":
      return resend(signIn, provider, callbackUrl, seq)
    case "change": {
      const pending = await readPending(provider)
      await clearChallengeCookie()
      return emailStep(
        pending.status === "open"
          ? pending.view.email
          : field(formData, LINK_SIGN_IN_FIELDS.email).toLowerCase(),
        seq
      )
    }
    case "resume":
    default: {
      // Asked for the state as it is (another tab changed it), or for nothing we know: the email
      // this tab had stays filled in when no sign-in is in progress.
      const state = await current(provider)
      if (state.step === "email" && !state.email)
        state.email = field(formData, LINK_SIGN_IN_FIELDS.email)
          .toLowerCase()
          .slice(0, MAX_EMAIL)
      return { ...state, seq }
    }
  }
}
