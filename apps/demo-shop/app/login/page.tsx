import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { LinkSignInForm } from "@login-with-link/next"
import { auth } from "@/auth"
import { afterSignIn } from "@/app/lib/after-sign-in"
import { readLinkOAuthError } from "@login-with-link/provider"
import { authMode } from "@/app/lib/auth-mode"
import { linkAction, oidcAction } from "./actions"

export const metadata: Metadata = { title: "Sign in" }

type Props = {
  searchParams: Promise<{
    callbackUrl?: string | string[]
    error?: string | string[]
    code?: string | string[]
  }>
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams
  const callbackUrl = afterSignIn(first(params.callbackUrl))
  // Signed in already (or just now, in another tab): on to where the person was going.
  if ((await auth())?.user) redirect(callbackUrl)

  const mode = authMode()
  if (mode === "oidc") {
    // One button to the hosted Login with Link page, which asks for the email and the code. A
    // sign-in that did not finish there comes back with Auth.js's ?error=: the person cancelled
    // (AccessDenied), or anything else went wrong.
    const error = first(params.error)
    return (
      <div className="container login-page">
        <LinkSignInForm
          action={oidcAction}
          callbackUrl={callbackUrl}
          oauth="only"
          error={
            error
              ? error === "AccessDenied"
                ? "oauth_denied"
                : "oauth_failed"
              : undefined
          }
        />
      </div>
    )
  }
  // OAuth modes: "Continue with Link" (Link's own page) alone, or above the code steps. A sign-in
  // that did not finish there comes back here with Auth.js's ?error= (and our ?code=).
  const oauth =
    mode === "oauth" ? "only" : mode === "both" ? "above" : undefined
  const failed = oauth ? readLinkOAuthError(params) : undefined
  return (
    <div className="container login-page">
      <LinkSignInForm
        action={linkAction}
        state={await linkAction()}
        callbackUrl={callbackUrl}
        oauth={oauth}
        error={failed}
      />
    </div>
  )
}
