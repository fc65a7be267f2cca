/**
 * The failures of a sign-in through Link's own OAuth page (`LinkOAuth`), as codes a page may show.
 *
 * Auth.js carries a failure to the page only as `?error=<type>` (and, for `CredentialsSignin`
 * alone, `&code=<code>`). So what the provider itself detects (an upstream error, a body it cannot
 * read, a slow answer) is thrown as {@link LinkOAuthError}: a `CredentialsSignin` subclass, so that
 * Auth.js appends its `code`, whose `type` is `OAuthCallbackError`, so that the URL says what it
 * is. What Auth.js detects before the provider runs (a wrong `state`, a missing PKCE cookie, Link's
 * `error=access_denied`) arrives as Auth.js's own error type; {@link readLinkOAuthError} reads both
 * into one code. The codes, their copy, statuses and log levels are core's (`LinkOAuthErrorCode`,
 * `linkErrorCopy`, `linkCodeInfo`), in its one list.
 *
 * @module
 */
import { CredentialsSignin } from "@auth/core/errors"
import {
  isLinkOAuthErrorCode,
  type LinkOAuthErrorCode,
} from "@login-with-link/core"
import type { CredentialsSigninClass } from "./outcome-errors.js"

/** A failure of the OAuth sign-in with a code that is safe to show (`?error=OAuthCallbackError&code=…`). */
export interface LinkOAuthError extends CredentialsSignin {
  code: LinkOAuthErrorCode
}

/** The constructor of {@link LinkOAuthError}, on a given copy of `CredentialsSignin`. */
export type LinkOAuthErrorClass = new (
  code: LinkOAuthErrorCode,
  detail: unknown
) => LinkOAuthError

const classes = new WeakMap<CredentialsSigninClass, LinkOAuthErrorClass>()

/**
 * The {@link LinkOAuthError} class on the given `CredentialsSignin` (next-auth's own when the app
 * has two copies of `@auth/core`: only an error of Auth.js's own class passes through its
 * callback route unwrapped). One class per base.
 */
export function linkOAuthErrorFor(
  Base: CredentialsSigninClass = CredentialsSignin
): LinkOAuthErrorClass {
  const known = classes.get(Base)
  if (known) return known
  class OAuthError extends Base implements LinkOAuthError {
    // The URL reads `?error=OAuthCallbackError&code=…`: an OAuth failure, not a credentials one.
    static override type = "OAuthCallbackError" as const
    override code: LinkOAuthErrorCode
    constructor(code: LinkOAuthErrorCode, detail: unknown) {
      // The detail (upstream status and error, never a body or a secret) is for the server log.
      super(`Link OAuth sign-in failed: ${code}`, { cause: { err: detail } })
      this.code = code
      this.name = "LinkOAuthError"
    }
  }
  classes.set(Base, OAuthError)
  return OAuthError
}

/** The query of the page Auth.js redirects to after a failed sign-in. */
export type LinkOAuthErrorParams =
  URLSearchParams | Record<string, string | string[] | undefined>

function param(params: LinkOAuthErrorParams, name: string): string | undefined {
  const value =
    params instanceof URLSearchParams ? params.get(name) : params[name]
  const one = Array.isArray(value) ? value[0] : value
  return typeof one === "string" ? one.slice(0, 64) : undefined
}

/**
 * The code of a failed OAuth sign-in, from the query of the page Auth.js sent the person to
 * (`pages.signIn` or `pages.error`), or `undefined` when the query says nothing about one.
 *
 * - `?error=OAuthCallbackError&code=<code>`: what {@link LinkOAuthError} carried.
 * - `?error=OAuthCallbackError` (no code): Link's authorization answer was an error
 *   (`access_denied`: the person declined): `oauth_denied`.
 * - `?error=OAuthAccountNotLinked`: `account_not_linked`.
 * - `?error=AccessDenied` (a `signIn` callback said no), `?error=Configuration` (a wrong `state`, a
 *   missing PKCE or state cookie, anything Auth.js does not name to the page), and any other type:
 *   `oauth_failed`.
 *
 * @example
 * ```tsx
 * const code = readLinkOAuthError(await searchParams)
 * // The form shows core's copy for it (`linkErrorCopy[code]`), announced as an alert:
 * return <LinkSignInForm action={linkAction} oauth="above" error={code} />
 * ```
 */
export function readLinkOAuthError(
  params: LinkOAuthErrorParams
): LinkOAuthErrorCode | undefined {
  const error = param(params, "error")
  if (!error) return undefined
  const code = param(params, "code")
  if (error === "OAuthCallbackError") {
    return isLinkOAuthErrorCode(code) ? code : "oauth_denied"
  }
  if (error === "OAuthAccountNotLinked") return "account_not_linked"
  // The code path's own failures (`CredentialsSignin`) are the core's codes, not these.
  if (error === "CredentialsSignin") return undefined
  return "oauth_failed"
}
