"use client"
/**
 * The sign-in page's steps: email, then the code Link texted, or the invitation to sign up for
 * Link. One server action answers every form with the next state (useActionState), so the same
 * forms work without JavaScript; with it, focus follows what needs attention.
 */
import { useActionState, useEffect, useRef } from "react"
import { loginAction } from "@/app/lib/actions"
import type { LoginState } from "@/app/lib/login-state"
import { EmailStep } from "./email-step"
import { CodeStep } from "./code-step"
import { SignupStep } from "./signup-step"
import { LoginAlertBox } from "./login-alert"

export function LoginFlow({ initial }: { initial: LoginState }) {
  const [state, formAction, isPending] = useActionState(loginAction, initial)
  const rootRef = useRef<HTMLDivElement>(null)
  const alertRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    // The first render's focus is the server's autoFocus; move it only after an answer.
    if (state.seq === 0) return
    const root = rootRef.current
    if (!root) return
    const target =
      state.alert?.field === "resend"
        ? root.querySelector<HTMLElement>("#resend-button:not(:disabled)")
        : state.alert?.field === "email" || state.step === "email"
          ? root.querySelector<HTMLElement>("input[name=email]")
          : state.step === "code"
            ? root.querySelector<HTMLElement>("input[name=code]")
            : root.querySelector<HTMLElement>("h1")
    ;(target ?? alertRef.current)?.focus()
  }, [state.seq, state.step, state.alert?.field])

  return (
    <div ref={rootRef} className="login-card">
      {/* Always in the page, so screen readers announce each new message. */}
      <div aria-live="polite" aria-atomic="true" className="alert-slot">
        {/* A new answer is on its way: the last one no longer applies. */}
        {state.alert && !isPending ? (
          <LoginAlertBox key={state.seq} alert={state.alert} ref={alertRef} />
        ) : null}
      </div>
      {state.step === "code" ? (
        <CodeStep
          key={`code-${state.seq}`}
          state={state}
          formAction={formAction}
        />
      ) : state.step === "signup" ? (
        <SignupStep state={state} formAction={formAction} />
      ) : (
        <EmailStep state={state} formAction={formAction} />
      )}
    </div>
  )
}
