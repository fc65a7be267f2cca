import { PasswordForm } from "../password-form.tsx"

export function SignUpPage() {
  return (
    <main>
      <h1>Create an account</h1>
      <PasswordForm mode="sign-up" />
      <p>
        Have one? <a href="/login">Sign in</a>
      </p>
    </main>
  )
}
