/**
 * The core's sign-in steps, Auth.js style: where the core answers with a plain outcome, these throw
 * the `CredentialsSignin` subclass that carries it out of `authorize()` (`LinkCodeSent`,
 * `LinkSignupRequired`); the core's errors become this package's {@link LinkSignInError}.
 *
 * @module
 */
import {
  createLinkSignIn as createCoreSignIn,
  mapLinkError as mapCoreLinkError,
  type LinkApiError,
  type LinkSignInContext,
  type LinkSignIn as CoreSignIn,
  type LinkUser,
} from "@login-with-link/core"
import {
  resolveOptions,
  type LoginWithLinkOptions,
  type ResolvedOptions,
} from "./options.js"
import {
  outcomeErrorsFor,
  type LinkOutcomeErrors,
  type LinkSignInError,
} from "./outcome-errors.js"
import { CredentialsSignin } from "@auth/core/errors"

export type { LinkSignInContext, LinkUser } from "@login-with-link/core"

/** The step functions returned by {@link createLinkSignIn}. */
export interface LinkSignIn {
  /**
   * Look the email up and send a code. Always throws: `LinkCodeSent`, `LinkSignupRequired` or
   * {@link LinkSignInError}.
   */
  start(email: string, ctx?: LinkSignInContext): Promise<never>
  /** Send a new code for a challenge. Always throws: `LinkCodeSent` or {@link LinkSignInError}. */
  resend(challenge: string, ctx?: LinkSignInContext): Promise<never>
  /** Check the code. Resolves to the user, or throws {@link LinkSignInError}. */
  finish(
    challenge: string,
    code: string,
    ctx?: LinkSignInContext
  ): Promise<LinkUser>
  /** The checked options, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>
}

/** The core's steps, throwing the given error classes. */
export function throwingSteps(
  core: CoreSignIn,
  errors: LinkOutcomeErrors,
  options: Readonly<ResolvedOptions>
): LinkSignIn {
  const rethrow = (error: unknown): never => {
    throw errors.contain(error)
  }
  return {
    options,
    async start(email, ctx) {
      throw errors.thrown(await core.start(email, ctx).catch(rethrow))
    },
    async resend(challenge, ctx) {
      throw errors.thrown(await core.resend(challenge, ctx).catch(rethrow))
    },
    finish(challenge, code, ctx) {
      return core.finish(challenge, code, ctx).catch(rethrow)
    },
  }
}

/**
 * Map a Link API failure to what the person may be told. The detail stays in `cause`, for the log.
 */
export function mapLinkError(
  error: LinkApiError,
  step: "lookup" | "send" | "authenticate" | "other"
): LinkSignInError {
  return outcomeErrorsFor(CredentialsSignin).fromCore(
    mapCoreLinkError(error, step)
  )
}

/**
 * Create the sign-in steps, Auth.js style (outcomes are thrown). Options are checked here, once (a
 * `TypeError` names the option). Without Auth.js, `createLinkSignIn` of `@login-with-link/core`
 * returns the outcomes instead.
 *
 * @example
 * ```ts
 * const link = createLinkSignIn({ publishableKey: "pk_test_123", secret: process.env.AUTH_SECRET })
 * try { await link.start(email, { ip }) } catch (e) {
 *   if (e instanceof LinkCodeSent) renderCodeForm(e.challenge, e.redactedPhone)
 * }
 * const user = await link.finish(challenge, code, { ip })
 * ```
 */
export function createLinkSignIn(
  options: LoginWithLinkOptions = {}
): LinkSignIn {
  const resolved = resolveOptions(options)
  return throwingSteps(
    createCoreSignIn(resolved),
    outcomeErrorsFor(CredentialsSignin),
    resolved
  )
}
