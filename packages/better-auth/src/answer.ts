/**
 * `readLinkAnswer(answer)`: the plugin's answer to a step, read as one plain outcome, the same
 * union as `readLinkOutcome` of `@login-with-link/provider` (a code sent, the sign-up invitation,
 * or a coded failure), plus the plugin's own failures. It reads what each caller holds: the
 * client's `{ data, error }`, a thrown `APIError` of `auth.api.*`, or an answer's JSON body.
 *
 * @module
 */
import {
  isLinkErrorCode,
  readLinkOutcomeFields,
  readLinkWaits,
  type LinkCodeSentOutcome,
  type LinkErrorCode,
  type LinkSignupOutcome,
} from "@login-with-link/core"
import type { LinkPluginErrorCode } from "./plugin-copy.js"

/** A step failed: `code` says why (Link's codes, as `linkErrorCopy` words them, or the plugin's). */
export interface LinkAnswerError {
  status: "error"
  code: LinkErrorCode | LinkPluginErrorCode
  /** Seconds until a retry may work (`rate_limited`, and `too_many_attempts` when known). */
  retryAfter?: number
  /** Wrong-code attempts left (`invalid_code`, when Link says). */
  attemptsLeft?: number
}

/** What a step of the plugin answered. */
export type LinkAnswer =
  LinkCodeSentOutcome | LinkSignupOutcome | LinkAnswerError

const PLUGIN_CODES: ReadonlySet<string> = new Set<LinkPluginErrorCode>([
  "account_not_linked",
  "sign_up_disabled",
  "request_body_too_large",
])

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null
const text = (value: unknown): value is string => typeof value === "string"
const number = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value)

/** A code sent or the sign-up invitation (`status` names it); anything else is not one. */
function outcome(body: Fields): LinkAnswer | undefined {
  const read = readLinkOutcomeFields(body.status, body)
  return read?.status === "error" ? undefined : read
}

/**
 * A refusal's code: the plugin's (Link's or its own, UPPER_SNAKE or not), else by its HTTP status
 * (429 limited, 413 too large, 5xx or none: Link unavailable); `undefined` when it says neither.
 */
export function refusalCode(
  code: unknown,
  status: unknown
): LinkAnswerError["code"] | undefined {
  const lower = text(code) ? code.toLowerCase() : ""
  if (isLinkErrorCode(lower)) return lower
  if (PLUGIN_CODES.has(lower)) return lower as LinkPluginErrorCode
  if (status === 429) return "rate_limited"
  if (status === 413) return "request_body_too_large"
  if (number(status) && (status >= 500 || status === 0))
    return "link_unavailable"
  return undefined
}

/** A coded failure body, with its waits. */
function failure(body: Fields, status: unknown): LinkAnswerError | undefined {
  const code = refusalCode(body.code, status)
  return code && { status: "error", code, ...readLinkWaits(body) }
}

/**
 * Read the plugin's answer to `start`, `resend` or `verify`'s failure. Anything that is not one
 * (verify's `{ user }`, another route's answer, a shape we do not know) is `undefined`.
 *
 * @example
 * ```ts
 * const answer = readLinkAnswer(await authClient.signIn.link.start({ email }))
 * if (answer?.status === "code_sent") showCodeForm(answer.redactedPhone)
 * else if (answer?.status === "error") show(linkErrorText(answer.code, answer))
 * ```
 */
export function readLinkAnswer(answer: unknown): LinkAnswer | undefined {
  if (!isObject(answer)) return undefined
  // better-auth's client: `{ data, error }`, the error `{ status, code, message, ... }`.
  if ("error" in answer || "data" in answer) {
    const { data, error } = answer
    if (isObject(error)) return failure(error, error.status)
    return isObject(data) ? outcome(data) : undefined
  }
  // `auth.api.*`'s `APIError`: the body, with the status code beside it.
  if (isObject(answer.body) && number(answer.statusCode))
    return failure(answer.body, answer.statusCode)
  // A JSON body, as answered.
  return outcome(answer) ?? failure(answer, undefined)
}
