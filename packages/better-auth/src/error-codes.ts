/**
 * The plugin's `$ERROR_CODES`: one UPPER_SNAKE code for each of the core's sign-in error codes
 * (derived from the core's one list, so a new core code appears here by itself), plus the few
 * that only the plugin can raise. The client plugin carries them, so this module holds the codes and
 * their words only; each code's HTTP status (a server fact) is in `error-status.ts`.
 *
 * @module
 */
import type { RawError } from "better-auth"
import {
  isLinkErrorCode,
  LINK_SIGN_IN_CODES,
  linkErrorCopy,
  type LinkErrorCode,
} from "@login-with-link/core"
import { linkPluginErrorCopy } from "./plugin-copy.js"

export type { LinkPluginErrorCode } from "./plugin-copy.js"

/** Codes only the plugin raises, with their messages. */
export const PLUGIN_ERRORS = {
  ACCOUNT_NOT_LINKED: `${linkPluginErrorCopy.account_not_linked.message} ${linkPluginErrorCopy.account_not_linked.action}`,
  SIGN_UP_DISABLED: linkPluginErrorCopy.sign_up_disabled.message,
  REQUEST_BODY_TOO_LARGE: linkPluginErrorCopy.request_body_too_large.message,
} as const

/** Every code the plugin answers with. */
export type LoginWithLinkErrorCode =
  Uppercase<LinkErrorCode> | keyof typeof PLUGIN_ERRORS

/** The core's failure codes, in its order. */
export const failureCodes: readonly LinkErrorCode[] =
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

/** What an error answer's JSON body holds. */
export interface LoginWithLinkErrorBody {
  code: LoginWithLinkErrorCode
  message: string
  /** Seconds until a retry may work (also sent as `Retry-After`). */
  retryAfter?: number
  /** Wrong codes left before the challenge locks, when Link says. */
  attemptsLeft?: number
}
