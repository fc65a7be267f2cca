/**
 * The human check of one start or resend: the `verifyHuman` hook, asked at most once per request
 * (CAPTCHA and Turnstile tokens are single-use) and only when a limit asks for it.
 *
 * @module
 */
import { LinkSignInError } from "./errors.js"
import type { VerifyHuman } from "./options.js"

/** The longest token given to the hook; a longer one counts as none. */
export const MAX_HUMAN_TOKEN_LENGTH = 4096

/** The human check of one request, from {@link humanCheck}. */
export interface HumanCheck {
  /** Ask the hook (once; later calls give the same answer). Rejects if the hook throws. */
  check(): Promise<boolean>
  /** Whether the check was asked and passed. */
  passed(): Promise<boolean>
}

/** The human check of one request, or `undefined` when no hook is configured. */
export function humanCheck(
  verify: VerifyHuman | undefined,
  step: "start" | "resend",
  email: string,
  ctx: { humanToken?: string; ip?: string }
): HumanCheck | undefined {
  if (!verify) return undefined
  const token =
    typeof ctx.humanToken === "string" &&
    ctx.humanToken !== "" &&
    ctx.humanToken.length <= MAX_HUMAN_TOKEN_LENGTH
      ? ctx.humanToken
      : undefined
  let answer: Promise<boolean> | undefined
  const check = () =>
    (answer ??= (async () => {
      try {
        const context = {
          step,
          email,
          ...(ctx.ip !== undefined && { clientIp: ctx.ip }),
        }
        return (await verify(token, context)) === true
      } catch (error) {
        // The check could not be made: refused, with the hook's error kept for the log.
        throw new LinkSignInError("human_check_required", {
          cause: error instanceof Error ? error : new Error(String(error)),
        })
      }
    })())
  return {
    check,
    passed: async () => (answer ? await answer : false),
  }
}
