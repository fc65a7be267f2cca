/**
 * `@login-with-link/next/provider`: `LoginWithLink()` for next-auth's `auth.ts`. The provider of
 * `@login-with-link/provider`, bound to next-auth's own `CredentialsSignin` (so it works when the
 * app has two copies of `@auth/core`), and carrying (and registering under its id) the reader the
 * server action needs to show what the sealed challenge says (email, redacted phone). Imports nothing from Next.js: safe in `auth.ts`
 * however the app uses it (proxy, route handlers, server components).
 *
 * @module
 */
import { CredentialsSignin } from "next-auth"
import { createLoginWithLink } from "@login-with-link/provider"
import type {
  LoginWithLinkOptions,
  LoginWithLinkProvider,
} from "@login-with-link/provider"
import {
  attachChallengeReader,
  createChallengeReader,
  registerChallengeReader,
} from "../common/challenge-reader.js"

export type { LoginWithLinkOptions, LoginWithLinkProvider }

/** The provider factory on next-auth's own `CredentialsSignin` (its copy of `@auth/core`). */
const createProvider = createLoginWithLink(CredentialsSignin)

/**
 * Login with Link for next-auth v5: passwordless sign-in with the person's Link account. Options
 * as `@login-with-link/provider`'s; unset ones come from `AUTH_LINK_KEY`, `AUTH_LINK_API_URL` and
 * `AUTH_SECRET`.
 *
 * @example
 * ```ts
 * // auth.ts
 * import { LoginWithLink } from "@login-with-link/next/provider"
 * export const { handlers, auth, signIn, signOut } = NextAuth({
 *   providers: [GitHub, LoginWithLink()],
 * })
 * ```
 */
export function LoginWithLink(
  options: LoginWithLinkOptions = {}
): LoginWithLinkProvider {
  const provider = createProvider(options)
  // How the server action reads the challenges this provider seals: see challenge-reader.ts.
  const reader = createChallengeReader(options)
  attachChallengeReader(provider, reader)
  registerChallengeReader(provider.id ?? "link", reader)
  return provider
}

export { LoginWithLink as default }
