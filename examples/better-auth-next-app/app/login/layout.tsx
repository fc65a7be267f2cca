import Link from "next/link"
import type { ReactNode } from "react"
import { PasswordForm } from "../password-form"

// The page is Login with Link; the password sign-in goes under it, for every step.
export default function LoginLayout({ children }: { children: ReactNode }) {
  return (
    <main className="login">
      {children}
      <section aria-labelledby="password-heading" className="password">
        <h2 id="password-heading">Or sign in with your password</h2>
        <PasswordForm mode="sign-in" />
        <p>
          No account? <Link href="/sign-up">Create one</Link>
        </p>
      </section>
    </main>
  )
}
