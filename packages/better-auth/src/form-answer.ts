/**
 * A form step that never reached the plugin's form route (the network, better-auth's own limiter
 * or origin check, a body over the limit), as the state the form renders: the failure's code and
 * words. Shared by the form's two drivers.
 *
 * @module
 */
import {
  linkErrorCopy,
  readLinkWaits,
  type LinkErrorCopy,
} from "@login-with-link/core"
import type { LinkFormState } from "@login-with-link/core/form"
import { refusalCode, type LinkAnswerError } from "./answer.js"
import { linkPluginErrorCopy } from "./plugin-copy.js"

/** A refusal's code (lower_snake, with words to show) and its wait. */
export type FormFailure = { code: LinkAnswerError["code"]; retryAfter?: number }

/** better-auth's error answer as a failure: its code (`readLinkAnswer`'s rule), else Link unavailable. */
export function failureOf(error: unknown): FormFailure {
  const fields = (error ?? {}) as Record<string, unknown>
  const { retryAfter } = readLinkWaits(fields)
  return {
    code: refusalCode(fields.code, fields.status) ?? "link_unavailable",
    ...(retryAfter ? { retryAfter } : {}),
  }
}

/**
 * A call that never reached the form's route (the network, better-auth's own limiter or origin
 * check, a body over the limit): the state shown stays, with the failure in words.
 */
export function failedState(
  shown: LinkFormState | undefined,
  email: string,
  failure: FormFailure
): LinkFormState {
  const state = shown ?? {
    step: "email",
    email: email.slice(0, 320),
    serverNow: 0,
    seq: 0,
  }
  const words: LinkErrorCopy = Object.hasOwn(linkPluginErrorCopy, failure.code)
    ? linkPluginErrorCopy[failure.code as keyof typeof linkPluginErrorCopy]
    : linkErrorCopy[failure.code as keyof typeof linkErrorCopy]
  return {
    ...state,
    serverNow: Date.now(),
    seq: (state.seq % 1e6) + 1,
    alert: {
      kind: "error",
      code: failure.code,
      message: words.message,
      action: words.action,
      field: state.step === "code" ? "code" : "email",
      ...(failure.retryAfter ? { retryAfter: failure.retryAfter } : {}),
    },
  }
}
