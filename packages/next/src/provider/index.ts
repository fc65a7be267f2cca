/**
 * `@login-with-link/next/provider`: `LoginWithLink()` for next-auth's `auth.ts`. The provider of
 * `@login-with-link/provider`, bound to next-auth's own `CredentialsSignin` (so it works when the
 * app has two copies of `@auth/core`), and carrying (and registering under its id) the reader the
 * server action needs to show what the sealed challenge says (email, redacted phone) and to issue
 * the known-device token after a sign-in. Imports nothing from Next.js: safe in `auth.ts` however
 * the app uses it (proxy, route handlers, server components).
 *
 * @module
 */
import { CredentialsSignin, customFetch } from "next-auth"
import type { Adapter } from "next-auth/adapters"
import {
  createLinkOAuth,
  createLoginWithLink,
  linkSamePerson as linkSamePersonOf,
} from "@login-with-link/provider"
import type {
  LinkOAuthOptions,
  LinkOAuthProvider,
  LinkSamePerson,
  LoginWithLinkOptions,
  LoginWithLinkProvider,
} from "@login-with-link/provider"
import {
  attachProviderReader,
  createProviderReader,
  registerProviderReader,
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
  // How the server action reads the challenges this provider seals, and issues the browser's
  // known-device token after a sign-in: see challenge-reader.ts.
  const reader = createProviderReader(options)
  attachProviderReader(provider, reader)
  registerProviderReader(provider.id ?? "link", reader)
  return provider
}

export { LoginWithLink as default }

/**
 * Sign in with Link through Link's own page (login.link.com OAuth), for next-auth v5 (`id:
 * "link-oauth"`): `@login-with-link/provider`'s `LinkOAuth`, bound to next-auth's own
 * `CredentialsSignin` and `customFetch` (so its coded failures reach the page, and its Bearer key
 * is sent, when the app has two copies of `@auth/core`). Reads `AUTH_LINK_OAUTH_ID`,
 * `AUTH_LINK_OAUTH_SECRET` and `AUTH_LINK_KEY`.
 *
 * @example
 * ```ts
 * import { LinkOAuth } from "@login-with-link/next/provider"
 * import { linkJwt } from "@login-with-link/provider"
 * NextAuth({ providers: [LinkOAuth()], callbacks: { jwt: linkJwt } })
 * ```
 */
export const LinkOAuth = createLinkOAuth({ CredentialsSignin, customFetch })

/** Options of {@link linkSamePerson}: the provider ids, if not the defaults. */
export type LinkSamePersonOptions = Omit<
  NonNullable<Parameters<typeof linkSamePersonOf>[1]>,
  "CredentialsSignin"
>

/**
 * One user per Link person across the code and OAuth paths, with an adapter:
 * `@login-with-link/provider`'s `linkSamePerson`, its refusals on next-auth's `CredentialsSignin`.
 */
export function linkSamePerson(
  adapter: Adapter,
  options: LinkSamePersonOptions = {}
): LinkSamePerson {
  return linkSamePersonOf(adapter, { ...options, CredentialsSignin })
}

export type { LinkOAuthOptions, LinkOAuthProvider, LinkSamePerson }
