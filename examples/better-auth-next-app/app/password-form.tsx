"use client"
import { useActionState } from "react"
import { useSearchParams } from "next/navigation"
import {
  signInWithPassword,
  signUpWithPassword,
  type PasswordFormState,
} from "./actions"

/** Email and password, to sign in (`/login`) or to create an account (`/sign-up`). */
export function PasswordForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const [state, action, pending] = useActionState<PasswordFormState, FormData>(
    mode === "sign-in" ? signInWithPassword : signUpWithPassword,
    {}
  )
  const callbackUrl = useSearchParams().get("callbackUrl") ?? ""
  return (
    <form action={action} className="password-form">
      {mode === "sign-up" && (
        <label>
          Name
          <input name="name" autoComplete="name" required />
        </label>
      )}
      <label>
        Email address
        <input
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={state.email}
          required
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete={
            mode === "sign-in" ? "current-password" : "new-password"
          }
          minLength={8}
          required
        />
      </label>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && <p role="alert">{state.error}</p>}
      <button type="submit" disabled={pending}>
        {mode === "sign-in" ? "Sign in with password" : "Create account"}
      </button>
    </form>
  )
}
