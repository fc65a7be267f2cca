import { useState, type FormEvent } from "react"
import { authClient } from "./auth-client.ts"
import { callbackUrl } from "./callback-url.ts"

const messages: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "Wrong email or password.",
  INVALID_EMAIL: "Enter a valid email address.",
  PASSWORD_TOO_SHORT: "Use a password of at least 8 characters.",
  PASSWORD_TOO_LONG: "Use a password of at most 128 characters.",
  USER_ALREADY_EXISTS: "An account with this email exists already: sign in.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    "An account with this email exists already: sign in.",
}

/** Email and password, to sign in (`/login`) or to create an account (`/sign-up`). */
export function PasswordForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const [error, setError] = useState<string>()
  const [pending, setPending] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const email = String(form.get("email")).trim()
    const password = String(form.get("password"))
    setPending(true)
    const { error } =
      mode === "sign-in"
        ? await authClient.signIn.email({ email, password })
        : await authClient.signUp.email({
            name: String(form.get("name")).trim(),
            email,
            password,
          })
    setPending(false)
    if (!error) return location.assign(callbackUrl())
    setError(
      error.status === 429
        ? "Too many tries. Wait a moment, then try again."
        : (messages[error.code ?? ""] ?? "That did not work. Try again.")
    )
  }

  return (
    <form onSubmit={submit} className="password-form">
      {mode === "sign-up" && (
        <label>
          Name
          <input name="name" autoComplete="name" required />
        </label>
      )}
      <label>
        Email address
        <input name="email" type="email" autoComplete="email" required />
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
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={pending}>
        {mode === "sign-in" ? "Sign in with password" : "Create account"}
      </button>
    </form>
  )
}
