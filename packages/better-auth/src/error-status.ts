/**
 * The HTTP status of each of the plugin's error codes (`LOGIN_WITH_LINK_ERROR_STATUS`): what the
 * server answers with. Apart from `error-codes.ts`, so the client plugin, which carries the codes,
 * does not carry the statuses.
 *
 * @module
 */
import { linkCodeInfo, type LinkErrorCode } from "@login-with-link/core"
import {
  failureCodes,
  upperSnake,
  type LoginWithLinkErrorCode,
  type PLUGIN_ERRORS,
} from "./error-codes.js"

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

/** The HTTP status of each code. */
export const LOGIN_WITH_LINK_ERROR_STATUS: Readonly<
  Record<LoginWithLinkErrorCode, LoginWithLinkErrorStatus>
> = Object.freeze(
  Object.fromEntries([
    ...failureCodes.map((code) => [upperSnake(code), coreStatus(code)]),
    ...Object.entries(PLUGIN_STATUS),
  ])
) as Record<LoginWithLinkErrorCode, LoginWithLinkErrorStatus>
