/**
 * Auth.js for the shop: Login with Link, sessions in a signed JWT cookie (no database), and the
 * provider's quiet logger so a wrong code is not logged as a server error. `AUTH_LINK_MODE` picks
 * the path (app/lib/auth-mode.ts): the in-page code (default), the hosted page (OpenID Connect),
 * Link's own OAuth page, or both the code and Link's page.
 * @module
 */
import NextAuth, { type NextAuthConfig } from "next-auth"
import type { Provider } from "next-auth/providers"
import {
  LoginWithLinkOIDC,
  linkJwt,
  linkLogger,
} from "@login-with-link/provider"
import { LinkOAuth, LoginWithLink } from "@login-with-link/next/provider"
import { authConfig } from "./auth.config"
import { authMode, usesLinkCode, usesLinkOAuth } from "./app/lib/auth-mode"
import { clientIpSource } from "./app/lib/client-ip"

const mode = authMode()

const providers: Provider[] = []
if (mode === "oidc") providers.push(LoginWithLinkOIDC())
// Link's own page first: `both` lists it above the code steps.
if (usesLinkOAuth(mode)) providers.push(LinkOAuth())
// The visitor's IP for the per-IP limits, as the host provides it (app/lib/client-ip.ts).
if (usesLinkCode(mode))
  providers.push(LoginWithLink({ clientIp: clientIpSource() }))

const jwt: NonNullable<NextAuthConfig["callbacks"]>["jwt"] = (params) =>
  // The same person is one user on both Link paths: linkJwt makes an OAuth sign-in's `sub` the
  // normalised Link email (the code path's id) and records the provider; then the shop's own.
  authConfig.callbacks.jwt({ ...params, token: linkJwt(params) })

export const { auth, handlers, signIn, signOut } = NextAuth({
  ...authConfig,
  // OIDC and OAuth modes: a sign-in that fails at Link's page or the token exchange comes back
  // to /login, which says so in plain words, instead of Auth.js's built-in error page.
  pages: {
    ...authConfig.pages,
    ...(mode !== "credentials" && { error: "/login" }),
  },
  callbacks: { ...authConfig.callbacks, jwt },
  providers,
  logger: linkLogger,
})
