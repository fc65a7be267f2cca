import {
  linkOAuthErrorCopy,
  type LinkOAuthErrorCode,
} from "@login-with-link/provider"
import { oauthSignInAction } from "@/app/lib/session-actions"
import { SubmitButton } from "./submit-button"
import { LinkMark } from "./link-mark"

/**
 * "Continue with Link": a form that posts to the server action, which sends the person to Link's
 * own sign-in page (login.link.com). Works without JavaScript. With `error`, says first in plain
 * words why the last attempt did not finish.
 */
export function OAuthButton({
  callbackUrl,
  error,
  label = "Continue with Link",
}: {
  callbackUrl: string
  error?: LinkOAuthErrorCode
  /** The button's words (beside the code steps, whose own button says "Continue with Link"). */
  label?: string
}) {
  const copy = error ? linkOAuthErrorCopy[error] : undefined
  return (
    <>
      {copy ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{copy.message}</p>
          <p>{copy.action}</p>
        </div>
      ) : null}
      <form action={oauthSignInAction} className="stack">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <SubmitButton pendingText="Opening Link…">{label}</SubmitButton>
      </form>
    </>
  )
}

/** OAuth mode's sign-in page: one button to Link's own sign-in page. */
export function OAuthLogin({
  callbackUrl,
  error,
}: {
  callbackUrl: string
  error?: LinkOAuthErrorCode
}) {
  return (
    <div className="login-card">
      <h1 className="login-card__title">Sign in</h1>
      <p className="login-card__lead">
        Sign in with <LinkMark />: you&apos;ll confirm it&apos;s you on
        Link&apos;s own page, with a code texted to your phone or a passkey. No
        password needed.
      </p>
      <OAuthButton callbackUrl={callbackUrl} error={error} />
      <p className="login-card__fine">
        Not on Link yet? Continue anyway: Link&apos;s page shows you how to sign
        up.
      </p>
    </div>
  )
}
