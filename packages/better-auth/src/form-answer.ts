/**
 * A form step that never reached the plugin's form route (the network, better-auth's own limiter
 * or origin check, a body over the limit), as the state the form renders: the failure's code and
 * words. Shared by the form's two drivers.
 *
 * @module
 */
import { linkErrorCopy, type LinkErrorCopy } from "@login-with-link/core"
import type { LinkFormState } from "@login-with-link/core/form"
import { linkPluginErrorCopy } from "./plugin-copy.js"

/** A refusal's code (lower_snake, with words to show) and its wait. */
export type FormFailure = { code: string; retryAfter?: number }

/** better-auth's error answer as a code: the plugin's own, else by its HTTP status. */
export function failureOf(error: unknown): FormFailure {
  const { code, status, retryAfter } = (error ?? {}) as Record<string, unknown>
  const named = typeof code === "string" ? code.toLowerCase() : ""
  const failure: FormFailure = {
    code:
      Object.hasOwn(linkErrorCopy, named) ||
      Object.hasOwn(linkPluginErrorCopy, named)
        ? named
        : status === 429
          ? "rate_limited"
          : status === 413
            ? "request_body_too_large"
            : "link_unavailable",
  }
  if (typeof retryAfter === "number" && retryAfter > 0)
    failure.retryAfter = Math.ceil(retryAfter)
  return failure
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
  const words: LinkErrorCopy =
    linkErrorCopy[failure.code as keyof typeof linkErrorCopy] ??
    linkPluginErrorCopy[failure.code as keyof typeof linkPluginErrorCopy]
  return {
    ...state,
    serverNow: Date.now(),
    seq: (state.seq % 1e6) + 1,
    alert: {
      kind: "error",
      code: failure.code as NonNullable<LinkFormState["alert"]>["code"],
      message: words.message,
      action: words.action,
      field: state.step === "code" ? "code" : "email",
      ...(failure.retryAfter ? { retryAfter: failure.retryAfter } : {}),
    },
  }
}
