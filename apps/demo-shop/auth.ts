/**
 * Auth.js for the shop: Login with Link as the only provider, sessions in a signed JWT cookie (no
 * database), and the provider's quiet logger so a wrong code is not logged as a server error.
 * `AUTH_LINK_MODE=oidc` swaps the Credentials provider for the hosted page (OpenID Connect).
 * @module
 */
import NextAuth from "next-auth"
import { LoginWithLinkOIDC, linkLogger } from "@login-with-link/provider"
import { LoginWithLink } from "@login-with-link/next/provider"
import { authConfig } from "./auth.config"
import { authMode } from "./app/lib/auth-mode"
import { clientIpSource } from "./app/lib/client-ip"

const mode = authMode()

export const { auth, handlers, signIn, signOut } = NextAuth({
  ...authConfig,
  // OIDC mode: a sign-in that fails at the hosted page or the token exchange comes back to
  // /login, which says so in plain words, instead of Auth.js's built-in error page.
  pages: { ...authConfig.pages, ...(mode === "oidc" && { error: "/login" }) },
  providers: [
    mode === "oidc"
      ? LoginWithLinkOIDC()
      : // The visitor's IP for the per-IP limits, as the host provides it (app/lib/client-ip.ts).
        LoginWithLink({ clientIp: clientIpSource() }),
  ],
  logger: linkLogger,
})
