import { oidcSignInAction } from "@/app/lib/session-actions"
import { SubmitButton } from "./submit-button"
import { LinkMark } from "./link-mark"

/** Auth.js error types that can come back from the hosted page, in plain words. */
function errorMessage(error: string | undefined): string | undefined {
  if (!error) return undefined
  if (error === "AccessDenied")
    return "Signing in was cancelled. You can try again."
  return "Signing in with Link did not finish. Please try again."
}

/**
 * OIDC mode's sign-in page: one button to the hosted Login with Link page, which asks for the
 * email and the code and sends the person back here signed in. Works without JavaScript.
 */
export function OidcLogin({
  callbackUrl,
  error,
}: {
  callbackUrl: string
  error?: string
}) {
  const message = errorMessage(error)
  return (
    <div className="login-card">
      {message ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{message}</p>
        </div>
      ) : null}
      <h1 className="login-card__title">Sign in</h1>
      <p className="login-card__lead">
        Sign in with <LinkMark />: you&apos;ll confirm your email with a
        six-digit code texted to your phone, on Link&apos;s sign-in page. No
        password needed.
      </p>
      <form action={oidcSignInAction} className="stack">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <SubmitButton pendingText="Opening Link…">
          Continue with Link
        </SubmitButton>
      </form>
      <p className="login-card__fine">
        Not on Link yet? Continue anyway: Link&apos;s page shows you how to sign
        up.
      </p>
    </div>
  )
}
