"use server"
/**
 * The sign-in with Link: the whole action is the package's. The shop's only choice is where a
 * signed-in person goes (app/lib/after-sign-in.ts: the account page by default, never /login).
 * @module
 */
import { linkSignIn } from "@login-with-link/next/server"
import { signIn } from "@/auth"
import { AFTER_SIGN_IN } from "@/app/lib/after-sign-in"

export const linkAction = async (state?: unknown, form?: FormData) =>
  linkSignIn(signIn, state, form, { callbackUrl: AFTER_SIGN_IN })

/**
 * OIDC mode: the form's "Continue with Link" (`intent=oauth`) goes to the hosted Login with Link
 * page, through Auth.js's `link-oidc` provider.
 */
export const oidcAction = async (state?: unknown, form?: FormData) =>
  linkSignIn(signIn, state, form, {
    callbackUrl: AFTER_SIGN_IN,
    oauthProviderId: "link-oidc",
  })
