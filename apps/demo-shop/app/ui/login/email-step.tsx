"use client"
import type { LoginState } from "@/app/lib/login-state"
import { HiddenFields } from "./hidden-fields"
import { SubmitButton } from "./submit-button"
import { ALERT_ID } from "./login-alert"
import { LinkMark } from "./link-mark"

type Props = { state: LoginState; formAction: (formData: FormData) => void }

export function EmailStep({ state, formAction }: Props) {
  const invalid = state.alert?.kind === "error" && state.alert.field === "email"
  return (
    <>
      <h1 className="login-card__title" tabIndex={-1}>
        Sign in
      </h1>
      <p className="login-card__lead">
        Enter the email you use with <LinkMark />. We&apos;ll text a six-digit
        code to your phone. No password needed.
      </p>
      <form action={formAction} className="stack">
        <HiddenFields intent="start" callbackUrl={state.callbackUrl} />
        <div className="field">
          <label htmlFor="email" className="field__label">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            required
            autoFocus
            defaultValue={state.email}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? ALERT_ID : undefined}
            className="field__input"
          />
        </div>
        <SubmitButton pendingText="Sending a code…">
          Continue with Link
        </SubmitButton>
      </form>
      <p className="login-card__fine">
        Not on Link yet? Enter your email anyway: we&apos;ll show you how to
        sign up.
      </p>
    </>
  )
}
