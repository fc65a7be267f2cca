/**
 * Coded `APIError`s: the plugin's answers to a failed step, with `retryAfter` / `attemptsLeft`
 * when known (and `Retry-After`).
 *
 * @module
 */
import { APIError } from "better-auth"
import type { LinkSignInError } from "@login-with-link/core"
import {
  LOGIN_WITH_LINK_ERROR_CODES,
  LOGIN_WITH_LINK_ERROR_STATUS,
  upperSnake,
  type LoginWithLinkErrorBody,
  type LoginWithLinkErrorCode,
  type LoginWithLinkErrorStatus,
} from "./error-codes.js"

/**
 * A coded `APIError`. `status` overrides the code's own status (a malformed body is a `BAD_REQUEST` even
 * when its code, e.g. `CHALLENGE_INVALID`, is otherwise `UNAUTHORIZED`).
 */
export function apiError(
  code: LoginWithLinkErrorCode,
  extra: {
    retryAfter?: number | undefined
    attemptsLeft?: number | undefined
    status?: LoginWithLinkErrorStatus
  } = {}
): APIError {
  const body: LoginWithLinkErrorBody = {
    code,
    message: LOGIN_WITH_LINK_ERROR_CODES[code].message,
  }
  const headers: Record<string, string> = {}
  if (extra.retryAfter !== undefined) {
    body.retryAfter = extra.retryAfter
    headers["Retry-After"] = String(extra.retryAfter)
  }
  if (extra.attemptsLeft !== undefined) body.attemptsLeft = extra.attemptsLeft
  return new APIError(
    extra.status ?? LOGIN_WITH_LINK_ERROR_STATUS[code],
    body,
    headers
  )
}

/** The `APIError` for a core `LinkSignInError`. */
export function linkAPIError(error: LinkSignInError): APIError {
  return apiError(upperSnake(error.code), {
    retryAfter: error.retryAfter,
    attemptsLeft: error.attemptsLeft,
  })
}
