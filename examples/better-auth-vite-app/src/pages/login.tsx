import { Login } from "../login.tsx"
import { PasswordForm } from "../password-form.tsx"

// Login with Link (src/login.tsx), and the app's own password sign-in under it.
export function LoginPage() {
  return (
    <main className="login">
      <Login />
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
