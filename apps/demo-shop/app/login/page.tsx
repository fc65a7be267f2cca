import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { auth } from "@/auth"
import { readPendingSignIn } from "@/app/lib/login-cookie"
import { afterSignIn } from "@/app/lib/after-sign-in"
import type { LoginState } from "@/app/lib/login-state"
import { LoginFlow } from "@/app/ui/login/login-flow"
import { OidcLogin } from "@/app/ui/login/oidc-login"
import { authMode } from "@/app/lib/auth-mode"

export const metadata: Metadata = { title: "Sign in" }

type Props = {
  searchParams: Promise<{
    callbackUrl?: string | string[]
    email?: string | string[]
    error?: string | string[]
  }>
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams
  const callbackUrl = afterSignIn(first(params.callbackUrl))
  const session = await auth()
  if (session?.user) redirect(callbackUrl)

  if (authMode() === "oidc")
    return (
      <div className="container login-page">
        <OidcLogin
          callbackUrl={callbackUrl}
          error={first(params.error)?.slice(0, 64)}
        />
      </div>
    )

  const queryEmail = (first(params.email) ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 320)
  const pending = await readPendingSignIn()
  const now = Date.now()
  // A sign-in in progress (the httpOnly cookie) resumes at the code step, unless the person
  // arrives for another email, e.g. back from signing up for Link.
  const initial: LoginState =
    pending && (!queryEmail || queryEmail === pending.email)
      ? {
          step: "code",
          email: pending.email,
          callbackUrl,
          redactedPhone: pending.redactedPhone,
          expiresAt: pending.expiresAt,
          resendAt: pending.resendAt,
          serverNow: now,
          seq: 0,
        }
      : {
          step: "email",
          email: queryEmail,
          callbackUrl,
          serverNow: now,
          seq: 0,
        }

  return (
    <div className="container login-page">
      <LoginFlow initial={initial} />
    </div>
  )
}
