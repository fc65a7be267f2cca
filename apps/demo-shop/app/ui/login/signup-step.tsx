"use client"
import type { LoginState } from "@/app/lib/login-state"
import { HiddenFields } from "./hidden-fields"
import { SubmitButton } from "./submit-button"
import { LinkMark } from "./link-mark"

type Props = { state: LoginState; formAction: (formData: FormData) => void }

export function SignupStep({ state, formAction }: Props) {
  return (
    <>
      <h1 className="login-card__title" tabIndex={-1}>
        Sign up for Link to continue
      </h1>
      <p className="login-card__lead">
        <strong>{state.email}</strong> isn&apos;t on <LinkMark /> yet. Link
        saves your details so you can sign in and check out with a code sent to
        your phone, here and at many other shops.
      </p>
      <p>
        It takes a minute. When you&apos;re done, you&apos;ll come straight back
        here to sign in.
      </p>
      {state.signupUrl ? (
        <a href={state.signupUrl} className="button button--link button--wide">
          Sign up for Link
        </a>
      ) : null}
      <form action={formAction} className="stack stack--tight">
        <HiddenFields intent="change" callbackUrl={state.callbackUrl} />
        <input type="hidden" name="email" value={state.email} />
        <SubmitButton className="link-button" pendingText="One moment…">
          Use a different email
        </SubmitButton>
      </form>
    </>
  )
}
