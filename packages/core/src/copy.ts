/**
 * Plain-English copy for every sign-in code: what happened, and what the person can do next
 * ({@link linkErrorCopy}, one constant object, so a shop can translate or restyle it in one place),
 * and {@link linkErrorText}, the one function that adds the numbers a failure carries ("You have
 * 2 tries left.", "Try again in 45 seconds.") for every UI: the React form, the hosted page and
 * the shops.
 *
 * @module
 */
import type { LinkSignInCode } from "./codes.js"

/** The words a person sees for a code: what happened, then what to do next. */
export interface LinkErrorCopy {
  message: string
  action: string
}

/**
 * UI copy for each {@link LinkSignInCode}.
 *
 * @example
 * ```tsx
 * const { message, action } = linkErrorCopy[error.code]
 * return <p role="alert">{message} {action}</p>
 * ```
 */
export const linkErrorCopy: Readonly<Record<LinkSignInCode, LinkErrorCopy>> =
  Object.freeze({
    code_sent: {
      message:
        "We sent a 6-digit code by text message to the phone on your Link account.",
      action: "Enter the code to sign in.",
    },
    signup_required: {
      message: "This email is not on Link yet.",
      action: "Create a Link account, then come back to sign in.",
    },
    invalid_email: {
      message: "That does not look like an email address.",
      action: "Check it and try again.",
    },
    invalid_code: {
      message: "That code is not right.",
      action: "Check the text message and enter the 6-digit code again.",
    },
    code_expired: {
      message: "That code has expired.",
      action: "Ask for a new code.",
    },
    too_many_attempts: {
      message: "Too many wrong codes.",
      action: "Wait a few minutes, then start again with your email.",
    },
    rate_limited: {
      message: "Too many tries in a short time.",
      action: "Wait a moment, then try again.",
    },
    human_check_required: {
      message: "We need to check that you are a person.",
      action: "Complete the check, then ask for the code again.",
    },
    challenge_expired: {
      message: "This sign-in has expired.",
      action: "Start again with your email.",
    },
    challenge_invalid: {
      message: "This sign-in could not be continued.",
      action: "Start again with your email.",
    },
    link_unavailable: {
      message: "Link is not answering right now.",
      action: "Try again in a minute.",
    },
    oauth_denied: {
      message: "Signing in with Link was cancelled.",
      action: "You can try again, or sign in another way.",
    },
    oauth_failed: {
      message: "Signing in with Link did not finish.",
      action: "Please start again.",
    },
    account_not_linked: {
      message:
        "An account with this email already exists and is not linked to Link.",
      action: "Sign in the way you usually do.",
    },
  })

/**
 * The words {@link linkErrorText} puts around the numbers; `{time}` and `{count}` are filled in.
 * Pass your own to translate (the React form's labels have these keys).
 */
export interface LinkErrorTextLabels {
  /** `{time}`: "45 seconds", "1 minute 5 seconds", "6 hours". */
  retryIn: string
  /** `{count}`: 2 or more. */
  attemptsLeft: string
  attemptLeft: string
  second: string
  seconds: string
  minute: string
  minutes: string
  hour: string
  hours: string
}

/** The default (English) {@link LinkErrorTextLabels}. */
export const linkErrorTextLabels: Readonly<LinkErrorTextLabels> = Object.freeze(
  {
    retryIn: "Try again in {time}.",
    attemptsLeft: "You have {count} tries left.",
    attemptLeft: "You have 1 try left.",
    second: "second",
    seconds: "seconds",
    minute: "minute",
    minutes: "minutes",
    hour: "hour",
    hours: "hours",
  }
)

/** Options of {@link linkErrorText}. */
export interface LinkErrorTextOptions {
  /** Seconds until a retry may work (`LinkSignInError.retryAfter`). */
  retryAfter?: number | undefined
  /** Wrong codes left, for `invalid_code` (`LinkSignInError.attemptsLeft`). */
  attemptsLeft?: number | undefined
  /**
   * Which part to give: the whole text (message, numbers, action), the message with the numbers,
   * the numbers alone, or the action alone (for a UI that shows two lines; pass the same
   * `retryAfter`, so that a wait shown in the message is not said again in the action).
   * @default "all"
   */
  part?: "all" | "message" | "detail" | "action"
  /** The code's own words in place of {@link linkErrorCopy}'s (e.g. a translation). */
  copy?: Partial<LinkErrorCopy> | undefined
  /** The words around the numbers. @default linkErrorTextLabels */
  labels?: Partial<LinkErrorTextLabels> | undefined
}

/**
 * The action of a code whose copy tells the person to wait, for when the wait is shown beside it
 * ("Try again in 45 seconds."): the wait is then said once.
 */
const ACTION_BESIDE_A_WAIT: Partial<Record<LinkSignInCode, string>> = {
  rate_limited: "",
  too_many_attempts: "Then start again with your email.",
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? (values[name] as string) : whole
  )
}

const unit = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`

/**
 * A wait in words: "45 seconds", "1 minute 5 seconds", "2 hours 5 minutes" (seconds are rounded
 * up; from an hour on, to the next minute).
 */
function duration(totalSeconds: number, labels: LinkErrorTextLabels): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds))
  if (seconds >= 3600) {
    const minutesTotal = Math.ceil(seconds / 60)
    const hours = Math.floor(minutesTotal / 60)
    const minutes = minutesTotal % 60
    const text = unit(hours, labels.hour, labels.hours)
    return minutes
      ? `${text} ${unit(minutes, labels.minute, labels.minutes)}`
      : text
  }
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts: string[] = []
  if (minutes > 0) parts.push(unit(minutes, labels.minute, labels.minutes))
  if (rest > 0) parts.push(unit(rest, labels.second, labels.seconds))
  return parts.join(" ")
}

/**
 * What to tell a person about a code, with the numbers its error carries: tries left on a wrong
 * code, how long to wait on a limit. The one place these sentences are written, for every UI.
 *
 * @example
 * ```ts
 * linkErrorText("invalid_code", { attemptsLeft: 2 })
 * // "That code is not right. You have 2 tries left. Check the text message and enter the 6-digit code again."
 * linkErrorText("rate_limited", { retryAfter: 45, part: "detail" }) // "Try again in 45 seconds."
 * linkErrorText("rate_limited", { retryAfter: 45 }) // "Too many tries in a short time. Try again in 45 seconds."
 * linkErrorText(error.code, error) // a caught LinkSignInError carries both numbers
 * ```
 */
export function linkErrorText(
  code: LinkSignInCode,
  options: LinkErrorTextOptions = {}
): string {
  const labels = { ...linkErrorTextLabels, ...options.labels }
  const { message } = { ...linkErrorCopy[code], ...options.copy }
  let { action } = { ...linkErrorCopy[code], ...options.copy }
  const { attemptsLeft, retryAfter } = options
  let detail = ""
  if (
    code === "invalid_code" &&
    attemptsLeft !== undefined &&
    Number.isFinite(attemptsLeft) &&
    attemptsLeft >= 0
  ) {
    detail =
      attemptsLeft === 1
        ? labels.attemptLeft
        : fill(labels.attemptsLeft, { count: String(attemptsLeft) })
  } else if (
    retryAfter !== undefined &&
    Number.isFinite(retryAfter) &&
    retryAfter > 0
  ) {
    detail = fill(labels.retryIn, { time: duration(retryAfter, labels) })
    // The wait is said once: our action beside it drops its own "wait" (an app's copy stays).
    const beside = ACTION_BESIDE_A_WAIT[code]
    if (beside !== undefined && options.copy?.action === undefined)
      action = beside
  }
  const join = (...parts: string[]) => parts.filter(Boolean).join(" ")
  switch (options.part) {
    case "message":
      return join(message, detail)
    case "detail":
      return detail
    case "action":
      return action
    default:
      return join(message, detail, action)
  }
}
