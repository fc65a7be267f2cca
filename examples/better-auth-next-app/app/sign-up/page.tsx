import type { Metadata } from "next"
import Link from "next/link"
import { PasswordForm } from "../password-form"

export const metadata: Metadata = { title: "Create an account" }

export default function SignUpPage() {
  return (
    <main>
      <h1>Create an account</h1>
      <PasswordForm mode="sign-up" />
      <p>
        Have one? <Link href="/login">Sign in</Link>
      </p>
    </main>
  )
}
