/**
 * Auth.js for the shop: Login with Link as the only provider, sessions in a signed JWT cookie (no
 * database), and the provider's quiet logger so a wrong code is not logged as a server error.
 * @module
 */
import NextAuth from "next-auth"
import LoginWithLink, { linkLogger } from "@login-with-link/provider"
import { authConfig } from "./auth.config"

export const { auth, handlers, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [LoginWithLink()],
  logger: linkLogger,
})
