/**
 * The sign-in codes: the one list of what a step may answer with, and the facts a form needs about
 * each (an outcome or a failure, who answers it, whether Link's OAuth page may end with it, where
 * a sign-in goes next). The rest of what a code means (its developer message, HTTP status and log
 * level: server facts) is in `code-info.ts`, so a browser bundle that only asks "start over?" does
 * not carry them. Every other list of codes (the unions, `isLinkSignInCode`, `linkErrorCopy`, the
 * logger's levels, the apps' "stay on the code step / start over" rules) is derived from these.
 *
 * @module
 */
import type { LinkCodeInfo } from "./code-info.js"

/** Every code a sign-in step may answer with: the two "next step" outcomes, then the failures. */
export const LINK_SIGN_IN_CODES = [
  "code_sent",
  "signup_required",
  "invalid_email",
  "invalid_code",
  "code_expired",
  "too_many_attempts",
  "rate_limited",
  "human_check_required",
  "challenge_expired",
  "challenge_invalid",
  "link_unavailable",
  "oauth_denied",
  "oauth_failed",
  "account_not_linked",
] as const

/** Every code a sign-in step may answer with (the `code` a shop may show copy for). */
export type LinkSignInCode = (typeof LINK_SIGN_IN_CODES)[number]

/** The codes that are outcomes (a next step), not failures. */
export type LinkOutcomeCode = Extract<
  LinkSignInCode,
  "code_sent" | "signup_required"
>

/**
 * The failures only the framework's side answers, never core's steps: a sign-in through Link's
 * OAuth page that did not finish, and the rule that never joins a user another provider created.
 */
export type LinkFrameworkCode = Extract<
  LinkSignInCode,
  "oauth_denied" | "oauth_failed" | "account_not_linked"
>

/** What a person may be told when a step fails (the `code` of a `LinkSignInError`). */
export type LinkErrorCode = Exclude<
  LinkSignInCode,
  LinkOutcomeCode | LinkFrameworkCode
>

/**
 * What a failed sign-in through Link's OAuth page (login.link.com) may tell the person:
 * - `oauth_denied`: they declined (or cancelled) on Link's page (`error=access_denied`).
 * - `oauth_failed`: the sign-in cannot be finished as it is (a wrong, replayed or foreign `code`,
 *   a wrong `state`, a PKCE mismatch, an expired attempt): start again.
 * - `account_not_linked`: the email belongs to a user the app created another way; Link is never
 *   joined to it (the code path answers it too, for the same reason).
 * - `link_unavailable`: Link did not answer, or answered outside its contract (5xx, a slow answer,
 *   a body that is not JSON, a userinfo without `id` or `email`): try again later.
 */
export type LinkOAuthErrorCode = LinkFrameworkCode | "link_unavailable"

/** What a form needs to know of a code: the browser's part of {@link LinkCodeInfo}. */
type LinkCodeFacts = Pick<LinkCodeInfo, "kind" | "from" | "oauth" | "codeStep">

/** The facts of each code that a form acts on, keyed by the list above ({@link linkCodeInfo} has them too). */
export const LINK_CODE_FACTS: Readonly<Record<LinkSignInCode, LinkCodeFacts>> =
  {
    code_sent: {
      kind: "outcome",
      from: "steps",
      oauth: false,
      codeStep: "stay",
    },
    signup_required: {
      kind: "outcome",
      from: "steps",
      oauth: false,
      // Not answered on the code step; the code form would be of no use after it.
      codeStep: "start_over",
    },
    invalid_email: {
      kind: "error",
      from: "steps",
      oauth: false,
      codeStep: "start_over",
    },
    invalid_code: {
      kind: "error",
      from: "steps",
      oauth: false,
      codeStep: "stay",
    },
    code_expired: {
      kind: "error",
      from: "steps",
      oauth: false,
      codeStep: "stay",
    },
    too_many_attempts: {
      kind: "error",
      from: "steps",
      oauth: false,
      // Link has given up on this code; the copy says to start again with the email.
      codeStep: "start_over",
    },
    rate_limited: {
      kind: "error",
      from: "steps",
      oauth: false,
      codeStep: "stay",
    },
    human_check_required: {
      kind: "error",
      from: "steps",
      oauth: false,
      // On the code step (a resend) the challenge still works once the check passes.
      codeStep: "stay",
    },
    challenge_expired: {
      kind: "error",
      from: "steps",
      oauth: false,
      codeStep: "start_over",
    },
    challenge_invalid: {
      kind: "error",
      from: "steps",
      oauth: false,
      codeStep: "start_over",
    },
    link_unavailable: {
      kind: "error",
      from: "steps",
      oauth: true,
      codeStep: "stay",
    },
    oauth_denied: {
      kind: "error",
      from: "framework",
      oauth: true,
      codeStep: "start_over",
    },
    oauth_failed: {
      kind: "error",
      from: "framework",
      oauth: true,
      codeStep: "start_over",
    },
    account_not_linked: {
      kind: "error",
      from: "framework",
      oauth: true,
      codeStep: "start_over",
    },
  }

const CODES: ReadonlySet<string> = new Set(LINK_SIGN_IN_CODES)

/**
 * Whether a value is one of the sign-in codes, e.g. the `code` of an Auth.js error redirect
 * (`?error=CredentialsSignin&code=invalid_code`) or of a caught error.
 *
 * @example
 * ```ts
 * const code = searchParams.get("code")
 * if (isLinkSignInCode(code)) show(linkErrorCopy[code])
 * ```
 */
export function isLinkSignInCode(code: unknown): code is LinkSignInCode {
  return typeof code === "string" && CODES.has(code)
}

/** Whether a value is one of the steps' failure codes ({@link LinkErrorCode}). */
export function isLinkErrorCode(code: unknown): code is LinkErrorCode {
  return (
    isLinkSignInCode(code) &&
    LINK_CODE_FACTS[code].kind === "error" &&
    LINK_CODE_FACTS[code].from === "steps"
  )
}

/** Whether a value is one of the codes a sign-in through Link's OAuth page may end with ({@link LinkOAuthErrorCode}). */
export function isLinkOAuthErrorCode(
  code: unknown
): code is LinkOAuthErrorCode {
  return isLinkSignInCode(code) && LINK_CODE_FACTS[code].oauth
}

/**
 * Whether a person on the code step stays there after this code (a wrong or expired code, a limit,
 * Link down: the same challenge still works, maybe after a resend).
 *
 * @example
 * ```ts
 * if (linkCodeKeepsCodeStep(error.code)) renderCodeForm(challenge, error)
 * else renderEmailForm(error)
 * ```
 */
export function linkCodeKeepsCodeStep(code: unknown): boolean {
  return isLinkSignInCode(code) && LINK_CODE_FACTS[code].codeStep === "stay"
}

/**
 * Whether the sign-in in progress is over after this code (the challenge expired, was refused, or
 * Link gave up on the code): forget the challenge and start again from the email. Any value that
 * is not a sign-in code starts over too.
 */
export function linkCodeStartsOver(code: unknown): boolean {
  return !linkCodeKeepsCodeStep(code)
}
