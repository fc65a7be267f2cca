"use client"
import { formatDuration, type LoginState } from "@/app/lib/login-state"
import { HiddenFields } from "./hidden-fields"
import { SubmitButton } from "./submit-button"
import { ALERT_ID } from "./login-alert"
import { CodeInput } from "./code-input"
import { formatClock, useClock } from "./use-clock"

type Props = { state: LoginState; formAction: (formData: FormData) => void }

export function CodeStep({ state, formAction }: Props) {
  const { now, hydrated } = useClock(state.serverNow)
  const alert = state.alert
  const invalid = alert?.kind === "error" && alert.field === "code"
  const expiresIn = ((state.expiresAt ?? now) - now) / 1000
  const resendIn = ((state.resendAt ?? now) - now) / 1000
  // Without JavaScript nothing re-enables a disabled button, so it is only disabled once hydrated;
  // the server refuses an early resend either way.
  const waitToResend = hydrated && resendIn > 0

  return (
    <>
      <h1 className="login-card__title" tabIndex={-1}>
        Enter your code
      </h1>
      <p id="code-sent-to" className="login-card__lead">
        We texted a code to{" "}
        <strong className="mono">{state.redactedPhone}</strong>
      </p>
      <p className="login-card__fine">
        Signing in as <strong>{state.email}</strong>
      </p>
      <form action={formAction} className="stack">
        <HiddenFields intent="verify" callbackUrl={state.callbackUrl} />
        <div className="field">
          <label htmlFor="code" className="field__label">
            6-digit code
          </label>
          <CodeInput
            invalid={invalid}
            describedBy={
              invalid ? `${ALERT_ID} code-expiry` : "code-sent-to code-expiry"
            }
          />
          <p id="code-expiry" className="field__hint">
            {expiresIn > 0
              ? hydrated
                ? `The code expires in ${formatClock(expiresIn)}.`
                : `The code expires in ${formatDuration(Math.round(expiresIn / 60) * 60 || expiresIn)}.`
              : "This code has expired. Send a new one below."}
          </p>
        </div>
        <SubmitButton pendingText="Checking…">Sign in</SubmitButton>
      </form>
      <div className="login-card__secondary">
        <form action={formAction} className="resend">
          <HiddenFields intent="resend" callbackUrl={state.callbackUrl} />
          <SubmitButton
            className="button button--quiet button--small"
            pendingText="Sending…"
            disabled={waitToResend}
            describedBy="resend-wait"
            id="resend-button"
          >
            Send a new code
          </SubmitButton>
          <span id="resend-wait" className="field__hint">
            {resendIn > 0
              ? hydrated
                ? `You can ask for a new code in ${formatClock(resendIn)}.`
                : `You can ask for a new code in ${formatDuration(resendIn)}.`
              : "Didn't get it? Ask for a new code."}
          </span>
        </form>
        <form action={formAction}>
          <HiddenFields intent="change" callbackUrl={state.callbackUrl} />
          <SubmitButton className="link-button" pendingText="One moment…">
            Use a different email
          </SubmitButton>
        </form>
      </div>
    </>
  )
}
