/**
 * The core's sign-in steps, adapted to Auth.js: where the core answers with a plain outcome, these
 * throw the `CredentialsSignin` subclass that carries it out of `authorize()` ({@link LinkCodeSent},
 * {@link LinkSignupRequired}); the core's errors become this package's {@link LinkSignInError}.
 *
 * @module
 */
import {
  createLinkSignIn as createCoreSignIn,
  isLinkSignInError,
  mapLinkError as mapCoreLinkError,
  type LinkApiError,
  type LinkSignInError as CoreSignInError,
  type LinkCodeSentOutcome,
  type LinkSignInContext,
  type LinkSignupOutcome,
  type LinkUser,
  type LoginWithLinkOptions,
  type ResolvedOptions,
} from "@login-with-link/core"
import {
  LinkCodeSent,
  LinkSignInError,
  LinkSignupRequired,
} from "./outcome-errors.js"

export type { LinkSignInContext, LinkUser } from "@login-with-link/core"

/** The step functions returned by {@link createLinkSignIn}. */
export interface LinkSignIn {
  /**
   * Look the email up and send a code. Always throws: {@link LinkCodeSent},
   * {@link LinkSignupRequired} or {@link LinkSignInError}.
   */
  start(email: string, ctx?: LinkSignInContext): Promise<never>
  /** Send a new code for a challenge. Always throws: {@link LinkCodeSent} or {@link LinkSignInError}. */
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

/** The Auth.js error that carries a core outcome out of `authorize()`. */
function thrown(
  outcome: LinkCodeSentOutcome | LinkSignupOutcome
): LinkCodeSent | LinkSignupRequired {
  if (outcome.status === "signup_required") {
    return new LinkSignupRequired({
      signupUrl: outcome.signupUrl,
      email: outcome.email,
    })
  }
  return new LinkCodeSent({
    challenge: outcome.challenge,
    redactedPhone: outcome.redactedPhone,
    expiresAt: outcome.expiresAt,
    resendAt: outcome.resendAt,
    email: outcome.email,
  })
}

/** The core's error as this package's `CredentialsSignin` subclass. */
function toAuthError(error: CoreSignInError): LinkSignInError {
  return new LinkSignInError(error.code, {
    ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }),
    ...(error.attemptsLeft !== undefined && {
      attemptsLeft: error.attemptsLeft,
    }),
    ...(error.cause !== undefined && { cause: error.cause }),
  })
}

/** Rethrow the core's error as this package's; anything else as it is. */
function translate(error: unknown): never {
  throw isLinkSignInError(error) ? toAuthError(error) : error
}

/**
 * Map a Link API failure to what the person may be told. The detail stays in `cause`, for the log.
 */
export function mapLinkError(
  error: LinkApiError,
  step: "lookup" | "send" | "authenticate" | "other"
): LinkSignInError {
  return toAuthError(mapCoreLinkError(error, step))
}

/**
 * Create the sign-in steps, Auth.js style (outcomes are thrown). Options are checked here, once (a
 * `TypeError` names the option).
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
  const core = createCoreSignIn(options)
  return {
    options: core.options,
    async start(email, ctx) {
      throw thrown(await core.start(email, ctx).catch(translate))
    },
    async resend(challenge, ctx) {
      throw thrown(await core.resend(challenge, ctx).catch(translate))
    },
    finish(challenge, code, ctx) {
      return core.finish(challenge, code, ctx).catch(translate)
    },
  }
}
