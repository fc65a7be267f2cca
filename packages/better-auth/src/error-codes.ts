/**
 * The plugin's `$ERROR_CODES`: one UPPER_SNAKE code for each of the core's sign-in error codes
 * (derived from the core's one list, so a new core code appears here by itself), plus the few
 * that only the plugin can raise. Each has its HTTP status, and {@link linkAPIError} turns a
 * thrown core error into better-auth's `APIError` with `retryAfter` / `attemptsLeft` when known.
 *
 * @module
 */
import type { RawError } from "better-auth"
import {
  isLinkErrorCode,
  LINK_SIGN_IN_CODES,
  linkCodeInfo,
  linkErrorCopy,
  type LinkErrorCode,
} from "@login-with-link/core"
import { linkPluginErrorCopy } from "./plugin-copy.js"

export type { LinkPluginErrorCode } from "./plugin-copy.js"

/** Codes only the plugin raises, with their messages. */
const PLUGIN_ERRORS = {
  ACCOUNT_NOT_LINKED: `${linkPluginErrorCopy.account_not_linked.message} ${linkPluginErrorCopy.account_not_linked.action}`,
  SIGN_UP_DISABLED: linkPluginErrorCopy.sign_up_disabled.message,
  REQUEST_BODY_TOO_LARGE: linkPluginErrorCopy.request_body_too_large.message,
} as const

/** Every code the plugin answers with. */
export type LoginWithLinkErrorCode =
  Uppercase<LinkErrorCode> | keyof typeof PLUGIN_ERRORS

/** HTTP statuses the plugin answers errors with, by better-auth's names. */
export type LoginWithLinkErrorStatus =
  | "BAD_REQUEST" // 400
  | "UNAUTHORIZED" // 401
  | "FORBIDDEN" // 403
  | "PAYLOAD_TOO_LARGE" // 413
  | "TOO_MANY_REQUESTS" // 429
  | "SERVICE_UNAVAILABLE" // 503

/**
 * A code or challenge that does not check out is a 401, as better-auth answers a wrong password;
 * every other code keeps the core's status (400 bad input, 429 limits, 503 Link unavailable).
 */
const UNAUTHORIZED_CODES: ReadonlySet<LinkErrorCode> = new Set<LinkErrorCode>([
  "invalid_code",
  "code_expired",
  "challenge_expired",
  "challenge_invalid",
])

const STATUS_NAMES = {
  400: "BAD_REQUEST",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
} as const satisfies Record<number, LoginWithLinkErrorStatus>

function coreStatus(code: LinkErrorCode): LoginWithLinkErrorStatus {
  if (UNAUTHORIZED_CODES.has(code)) return "UNAUTHORIZED"
  const status = linkCodeInfo[code].httpStatus
  return status === 200 ? "BAD_REQUEST" : STATUS_NAMES[status]
}

const PLUGIN_STATUS: Readonly<
  Record<keyof typeof PLUGIN_ERRORS, LoginWithLinkErrorStatus>
> = {
  ACCOUNT_NOT_LINKED: "FORBIDDEN",
  SIGN_UP_DISABLED: "FORBIDDEN",
  REQUEST_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
}

const failureCodes: readonly LinkErrorCode[] =
  LINK_SIGN_IN_CODES.filter(isLinkErrorCode)

/** The UPPER_SNAKE code of a core code. */
export const upperSnake = <C extends LinkErrorCode>(code: C) =>
  code.toUpperCase() as Uppercase<C>

/**
 * The plugin's error codes, as better-auth's `$ERROR_CODES` (`{ code, message }`), e.g.
 * `LOGIN_WITH_LINK_ERROR_CODES.INVALID_CODE`. Messages are the core's plain-English copy.
 */
export const LOGIN_WITH_LINK_ERROR_CODES = Object.freeze(
  Object.fromEntries([
    ...failureCodes.map((code) => [
      upperSnake(code),
      { code: upperSnake(code), message: linkErrorCopy[code].message },
    ]),
    ...Object.entries(PLUGIN_ERRORS).map(([code, message]) => [
      code,
      { code, message },
    ]),
  ])
) as { readonly [K in LoginWithLinkErrorCode]: RawError<K> }

/** The HTTP status of each code. */
export const LOGIN_WITH_LINK_ERROR_STATUS: Readonly<
  Record<LoginWithLinkErrorCode, LoginWithLinkErrorStatus>
> = Object.freeze(
  Object.fromEntries([
    ...failureCodes.map((code) => [upperSnake(code), coreStatus(code)]),
    ...Object.entries(PLUGIN_STATUS),
  ])
) as Record<LoginWithLinkErrorCode, LoginWithLinkErrorStatus>

/** What an error answer's JSON body holds. */
export interface LoginWithLinkErrorBody {
  code: LoginWithLinkErrorCode
  message: string
  /** Seconds until a retry may work (also sent as `Retry-After`). */
  retryAfter?: number
  /** Wrong codes left before the challenge locks, when Link says. */
  attemptsLeft?: number
}
