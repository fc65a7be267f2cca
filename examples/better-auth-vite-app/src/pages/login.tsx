import { PasswordForm } from "../password-form.tsx"

export function LoginPage() {
  return (
    <main className="login">
      <h1>Sign in</h1>
      <section aria-labelledby="password-heading" className="password">
        <h2 id="password-heading">Or sign in with your password</h2>
        <PasswordForm mode="sign-in" />
        <p>
          No account? <a href="/sign-up">Create one</a>
        </p>
      </section>
    </main>
  )
}
