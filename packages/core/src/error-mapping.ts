/**
 * What a person may be told when a step fails: Link's errors, refused challenges and anything
 * unexpected, mapped to a coded {@link LinkSignInError} (the detail kept in `cause`, for the log).
 *
 * @module
 */
import type { LinkErrorCode } from "./codes.js"
import {
  ChallengeError,
  isLinkSignInError,
  LinkApiError,
  LinkSignInError,
} from "./errors.js"

/** Keep only what the person may see; anything unexpected becomes `link_unavailable`. */
export function contain(error: unknown): never {
  if (isLinkSignInError(error)) throw error
  if (error instanceof LinkApiError) throw mapLinkError(error, "other")
  throw new LinkSignInError("link_unavailable", {
    cause: error instanceof Error ? error : new Error(String(error)),
  })
}

/**
 * Map a Link API failure to what the person may be told. The detail stays in `cause`, for the log.
 *
 * | Link's code | step | code |
 * |---|---|---|
 * | `consumer_verification_code_invalid` | | `invalid_code` (with `attemptsLeft`) |
 * | `consumer_verification_expired` | | `code_expired` |
 * | `consumer_verification_max_attempts_exceeded` | | `too_many_attempts` |
 * | `consumer_session_expired`, `consumer_session_credentials_invalid` | | `challenge_expired` |
 * | `rate_limit`, or any HTTP 429 | | `rate_limited` (with `retryAfter`, 60 s by default) |
 * | `parameter_invalid` / `parameter_missing` on `email` / `code` (4xx) | | `invalid_email` / `invalid_code` |
 * | no code (`errorMessage` only), 4xx | authenticate | `invalid_code` |
 * | anything else (timeouts, 5xx, malformed answers) | | `link_unavailable` |
 */
export function mapLinkError(
  error: LinkApiError,
  step: "lookup" | "send" | "authenticate" | "other"
): LinkSignInError {
  const cause = error
  const is = (
    code: LinkErrorCode,
    extra: { retryAfter?: number; attemptsLeft?: number } = {}
  ) => new LinkSignInError(code, { ...extra, cause })
  switch (error.code) {
    case "consumer_verification_code_invalid":
      return is(
        "invalid_code",
        error.attemptsLeft === undefined
          ? {}
          : { attemptsLeft: error.attemptsLeft }
      )
    case "consumer_verification_expired":
      return is("code_expired")
    case "consumer_verification_max_attempts_exceeded":
      return is(
        "too_many_attempts",
        error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }
      )
    case "consumer_session_expired":
    case "consumer_session_credentials_invalid":
      return is("challenge_expired")
    case "rate_limit":
      return is("rate_limited", { retryAfter: error.retryAfter ?? 60 })
    case "parameter_invalid":
    case "parameter_missing":
      if (error.status < 500 && error.param === "email")
        return is("invalid_email")
      if (error.status < 500 && error.param === "code")
        return is("invalid_code")
      return is("link_unavailable")
    case "LWL_LINK_ERROR":
      // A failure with no code: "invalid code" on authenticate, "unavailable" elsewhere.
      if (error.status === 429)
        return is("rate_limited", { retryAfter: error.retryAfter ?? 60 })
      if (step === "authenticate" && error.status < 500)
        return is("invalid_code")
      return is("link_unavailable")
    default:
      if (error.status === 429)
        return is("rate_limited", { retryAfter: error.retryAfter ?? 60 })
      return is("link_unavailable")
  }
}

/** Why a challenge was refused, as the person may be told. */
export function challengeFailure(error: unknown): LinkSignInError {
  if (
    error instanceof ChallengeError &&
    error.code === "LWL_CHALLENGE_EXPIRED"
  ) {
    return new LinkSignInError("challenge_expired", { cause: error })
  }
  return new LinkSignInError("challenge_invalid", {
    cause: error instanceof Error ? error : undefined,
  })
}
