import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { LinkSignInForm } from "@login-with-link/next"
import { auth } from "@/auth"
import { afterSignIn } from "@/app/lib/after-sign-in"
import { readLinkOAuthError } from "@login-with-link/provider"
import { authMode } from "@/app/lib/auth-mode"
import { OidcLogin } from "@/app/ui/login/oidc-login"
import { OAuthButton, OAuthLogin } from "@/app/ui/login/oauth-login"
import { linkAction } from "./actions"

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
  // A failed OAuth sign-in comes back here with Auth.js's ?error= (and our ?code=).
  const oauthError =
    mode === "oauth" || mode === "both" ? readLinkOAuthError(params) : undefined
  const form =
    mode === "credentials" || mode === "both" ? (
      <LinkSignInForm
        action={linkAction}
        state={await linkAction()}
        callbackUrl={callbackUrl}
      />
    ) : null

  return (
    <div className="container login-page">
      {mode === "oidc" ? (
        <OidcLogin
          callbackUrl={callbackUrl}
          error={first(params.error)?.slice(0, 64)}
        />
      ) : mode === "oauth" ? (
        <OAuthLogin callbackUrl={callbackUrl} error={oauthError} />
      ) : mode === "both" ? (
        <div className="stack">
          <OAuthButton
            callbackUrl={callbackUrl}
            error={oauthError}
            label="Sign in on Link's page"
          />
          <p className="login-card__fine">Or get a code here:</p>
          {form}
        </div>
      ) : (
        form
      )}
    </div>
  )
}
