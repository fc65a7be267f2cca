import { LinkSignInForm } from "@login-with-link/react"
import { linkClientAction } from "@login-with-link/better-auth/client"
import { authClient } from "../auth-client.ts"
import { PasswordForm } from "../password-form.tsx"

const linkAction = linkClientAction(authClient)

export function LoginPage() {
  return (
    <main className="login">
      <LinkSignInForm action={linkAction} />
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
