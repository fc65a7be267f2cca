/**
 * The `CredentialsSignin` subclasses that `authorize()` throws for what the signing-in person may
 * see (a lower_snake `code` that is safe to show): Auth.js's way of carrying an outcome out of a
 * Credentials provider. The core's plain outcomes and errors are turned into these here.
 *
 * They are defined on a `CredentialsSignin` class given at run time ({@link outcomeErrorsFor}), so
 * that they can extend next-auth's own copy of `@auth/core` when an app has two. Each carries a
 * brand (`Symbol.for("login-with-link.outcome")`), so that they are recognised without
 * `instanceof`, across copies.
 *
 * @module
 */
import { CredentialsSignin } from "@auth/core/errors"
import {
  isLinkSignInError,
  linkCodeInfo,
  type LinkCodeSentOutcome,
  type LinkErrorCode,
  type LinkSignInError as CoreSignInError,
  type LinkSignupOutcome,
} from "@login-with-link/core"

/** The brand every error thrown by this provider carries (a registered symbol: same in every copy). */
export const LINK_OUTCOME = Symbol.for("login-with-link.outcome")

/** Auth.js's `CredentialsSignin` class, from the copy of `@auth/core` the app's next-auth uses. */
export type CredentialsSigninClass = typeof CredentialsSignin

const brand = (error: Error) =>
  Object.defineProperty(error, LINK_OUTCOME, { value: true })

/**
 * The detail of a failure (the upstream error) as Auth.js keeps it: in `cause.err`, where its
 * logger prints it with its stack. Not enumerable: when next-auth wraps our error in a
 * `CallbackRouteError` (two copies of `@auth/core`), it builds `{ err: ourError, ...ourError.cause }`,
 * and an enumerable `err` would replace the error we threw with its detail.
 */
function detailCause(detail: unknown): { cause: Record<string, unknown> } {
  const cause: Record<string, unknown> = {}
  Object.defineProperty(cause, "err", { value: detail, enumerable: false })
  return { cause }
}

/** What {@link LinkCodeSent} is built from: the core's `code_sent` outcome, without `status`. */
export type LinkCodeSentInit = Omit<LinkCodeSentOutcome, "status">

/** The code was sent by SMS: render the code form. Thrown by the start and resend steps. */
export interface LinkCodeSent extends CredentialsSignin {
  code: "code_sent"
  /** The sealed state to post back with the code. Opaque, encrypted, expires with the code. */
  readonly challenge: string
  /** The phone the code went to, redacted by Link, e.g. `+3*********90`. */
  readonly redactedPhone: string
  /** When the code (and the challenge) expires, in ms since the epoch. */
  readonly expiresAt: number
  /** When a resend is allowed, in ms since the epoch. */
  readonly resendAt: number
  /** The normalised email the code was sent for. */
  readonly email: string
}

/** The email is not on Link: invite the person to sign up at `signupUrl`. */
export interface LinkSignupRequired extends CredentialsSignin {
  code: "signup_required"
  /** Where the person can create a Link account, with `email` (and `return_to`) filled in. */
  readonly signupUrl: string
  /** The normalised email that is not on Link. */
  readonly email: string
}

/**
 * A sign-in step failed in a way the person may be told about. `code` is safe to show; the detail
 * (the upstream error, with no secret or code in it) is in `cause.err` for the server log.
 */
export interface LinkSignInFailed extends CredentialsSignin {
  code: LinkErrorCode
  /** For `rate_limited` (and `too_many_attempts` when known): seconds until a retry may work. */
  readonly retryAfter?: number
  /** For `invalid_code`, when Link says how many attempts are left. */
  readonly attemptsLeft?: number
}

/** What {@link LinkSignInFailed} is built from, besides its code. */
export interface LinkSignInFailedInit {
  retryAfter?: number
  attemptsLeft?: number
  /** The detail, for the server log (kept in `cause.err`). */
  cause?: unknown
}

/** The error classes defined on one `CredentialsSignin` class, and the adapters to them. */
export interface LinkOutcomeErrors {
  LinkCodeSent: new (init: LinkCodeSentInit) => LinkCodeSent
  LinkSignupRequired: new (init: {
    signupUrl: string
    email: string
  }) => LinkSignupRequired
  LinkSignInFailed: new (
    code: LinkErrorCode,
    init?: LinkSignInFailedInit
  ) => LinkSignInFailed
  /** The core's error as this provider's `CredentialsSignin` subclass. */
  fromCore(error: CoreSignInError): LinkSignInFailed
  /** The error that carries a core outcome out of `authorize()`. */
  thrown(
    outcome: LinkCodeSentOutcome | LinkSignupOutcome
  ): LinkCodeSent | LinkSignupRequired
  /**
   * Anything thrown by a step, as what `authorize()` may throw: ours as is, the core's error
   * translated, anything else `link_unavailable` with the error as detail.
   */
  contain(error: unknown): Error
}

/**
 * Build an outcome without capturing a stack: "code sent" is how Auth.js carries a next step, not
 * a failure, and capturing the stack was most of what it cost (V8; elsewhere a no-op).
 */
function withoutStack<T>(make: () => T): T {
  const errorClass = Error as { stackTraceLimit?: number }
  const limit = errorClass.stackTraceLimit
  errorClass.stackTraceLimit = 0
  try {
    return make()
  } finally {
    if (limit === undefined) delete errorClass.stackTraceLimit
    else errorClass.stackTraceLimit = limit
  }
}

function defineOutcomeErrors(Base: CredentialsSigninClass): LinkOutcomeErrors {
  /**
   * The code was sent by SMS: render the code form. Thrown by the start and resend steps.
   * `challenge` is opaque and sealed; send it back with the code (hidden field or httpOnly cookie).
   */
  class LinkCodeSent extends Base {
    override code = "code_sent" as const
    /** The sealed state to post back with the code. Opaque, encrypted, expires with the code. */
    readonly challenge: string
    /** The phone the code went to, redacted by Link, e.g. `+3*********90`. */
    readonly redactedPhone: string
    /** When the code (and the challenge) expires, in ms since the epoch. */
    readonly expiresAt: number
    /** When a resend is allowed, in ms since the epoch. */
    readonly resendAt: number
    /** The normalised email the code was sent for. */
    readonly email: string
    constructor(init: LinkCodeSentInit) {
      super(linkCodeInfo.code_sent.message)
      this.name = "LinkCodeSent"
      this.challenge = init.challenge
      this.redactedPhone = init.redactedPhone
      this.expiresAt = init.expiresAt
      this.resendAt = init.resendAt
      this.email = init.email
      brand(this)
    }
  }

  /** The email is not on Link: invite the person to sign up at `signupUrl`. */
  class LinkSignupRequired extends Base {
    override code = "signup_required" as const
    /** Where the person can create a Link account, with `email` (and `return_to`) filled in. */
    readonly signupUrl: string
    /** The normalised email that is not on Link. */
    readonly email: string
    constructor(init: { signupUrl: string; email: string }) {
      super(linkCodeInfo.signup_required.message)
      this.name = "LinkSignupRequired"
      this.signupUrl = init.signupUrl
      this.email = init.email
      brand(this)
    }
  }

  /**
   * A sign-in step failed in a way the person may be told about. `code` is safe to show; the
   * detail (the upstream error, with no secret or code in it) is in `cause.err` for the server
   * log, where Auth.js's logger prints it.
   */
  class LinkSignInFailed extends Base {
    override code: LinkErrorCode
    /** For `rate_limited` (and `too_many_attempts` when known): seconds until a retry may work. */
    readonly retryAfter?: number
    /** For `invalid_code`, when Link says how many attempts are left. */
    readonly attemptsLeft?: number
    constructor(code: LinkErrorCode, init: LinkSignInFailedInit = {}) {
      super(
        linkCodeInfo[code].message,
        init.cause === undefined ? undefined : detailCause(init.cause)
      )
      this.name = "LinkSignInFailed"
      this.code = code
      if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter
      if (init.attemptsLeft !== undefined) this.attemptsLeft = init.attemptsLeft
      brand(this)
    }
  }

  /** The core's error as this provider's `CredentialsSignin` subclass. */
  function fromCore(error: CoreSignInError): LinkSignInFailed {
    return new LinkSignInFailed(error.code, {
      ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }),
      ...(error.attemptsLeft !== undefined && {
        attemptsLeft: error.attemptsLeft,
      }),
      ...(error.cause !== undefined && { cause: error.cause }),
    })
  }

  return {
    LinkCodeSent,
    LinkSignupRequired,
    LinkSignInFailed,
    fromCore,
    thrown(
      outcome: LinkCodeSentOutcome | LinkSignupOutcome
    ): LinkCodeSent | LinkSignupRequired {
      return withoutStack(() =>
        outcome.status === "signup_required"
          ? new LinkSignupRequired({
              signupUrl: outcome.signupUrl,
              email: outcome.email,
            })
          : new LinkCodeSent({
              challenge: outcome.challenge,
              redactedPhone: outcome.redactedPhone,
              expiresAt: outcome.expiresAt,
              resendAt: outcome.resendAt,
              email: outcome.email,
            })
      )
    },
    contain(error: unknown): Error {
      if (isLinkOutcomeError(error)) return error
      if (isLinkSignInError(error)) return fromCore(error)
      return new LinkSignInFailed("link_unavailable", {
        cause: error instanceof Error ? error : new Error(String(error)),
      })
    },
  }
}

const defined = new WeakMap<CredentialsSigninClass, LinkOutcomeErrors>()

/** The error classes on a given `CredentialsSignin` class, defined once per class. */
export function outcomeErrorsFor(
  Base: CredentialsSigninClass
): LinkOutcomeErrors {
  let errors = defined.get(Base)
  if (!errors) {
    errors = defineOutcomeErrors(Base)
    defined.set(Base, errors)
  }
  return errors
}

/** Whether a value is an error thrown by this provider (any copy of it, on any `@auth/core`). */
export function isLinkOutcomeError(value: unknown): value is Error & {
  code: string
} {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[LINK_OUTCOME] === true
  )
}

const defaults = outcomeErrorsFor(CredentialsSignin)

/** The code was sent by SMS: render the code form (`challenge`, `redactedPhone`, `expiresAt`, …). */
export const LinkCodeSent: LinkOutcomeErrors["LinkCodeSent"] =
  defaults.LinkCodeSent
/** The email is not on Link: invite the person to sign up at `signupUrl`. */
export const LinkSignupRequired: LinkOutcomeErrors["LinkSignupRequired"] =
  defaults.LinkSignupRequired
/** A sign-in step failed in a way the person may be told about (`code`, `retryAfter`, `attemptsLeft`). */
export const LinkSignInFailed: LinkOutcomeErrors["LinkSignInFailed"] =
  defaults.LinkSignInFailed
