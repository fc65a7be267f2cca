/**
 * `readLinkOutcome(error)`: what a server action's `catch` needs from an error `signIn("link", …)`
 * threw, as a plain value, whether it arrives as thrown or wrapped by Auth.js in a
 * `CallbackRouteError` (two copies of `@auth/core`).
 *
 * @module
 */
import {
  isLinkSignInError,
  readLinkOutcomeFields,
  type LinkOutcome,
} from "@login-with-link/core"
import { isLinkOutcomeError } from "./outcome-errors.js"
import { warnTwoAuthCoreCopies } from "./two-copies.js"

export type { LinkOutcome } from "@login-with-link/core"

type Fields = Record<string, unknown>

const read = (error: Fields) => readLinkOutcomeFields(error.code, error)

const ours = (value: unknown): value is Fields =>
  isLinkOutcomeError(value) || isLinkSignInError(value)

/**
 * Read a sign-in outcome from a caught error: one this provider threw (from any copy of
 * `@auth/core`, recognised by its brand), the same wrapped in Auth.js's `CallbackRouteError`
 * (`cause.err`, when next-auth's `@auth/core` is another copy than the provider's; a warning naming
 * the fix is logged once), or a `LinkSignInError` of `@login-with-link/core`. Anything else is
 * `undefined`: rethrow it (it may be Next.js's redirect).
 *
 * @example
 * ```ts
 * try {
 *   await signIn("link", { email, redirect: false })
 * } catch (error) {
 *   const outcome = readLinkOutcome(error)
 *   if (!outcome) throw error
 *   if (outcome.status === "code_sent") return { step: "code", challenge: outcome.challenge }
 * }
 * ```
 */
export function readLinkOutcome(error: unknown): LinkOutcome | undefined {
  if (ours(error)) return read(error)
  const cause: unknown =
    typeof error === "object" && error !== null
      ? (error as { cause?: unknown }).cause
      : undefined
  const inner: unknown =
    typeof cause === "object" && cause !== null
      ? (cause as { err?: unknown }).err
      : undefined
  if (!ours(inner)) return undefined
  // Auth.js wraps only what fails its `instanceof AuthError`: another copy of @auth/core.
  if ((error as { type?: unknown }).type === "CallbackRouteError") {
    warnTwoAuthCoreCopies()
  }
  return read(inner)
}
