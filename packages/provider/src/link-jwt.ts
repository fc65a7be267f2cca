/**
 * `linkJwt`: the Auth.js `jwt` callback that makes a person the same user whichever Link path they
 * signed in by, with JWT sessions and no adapter. The code path's user id is the normalised email
 * (the Login with Link API has no stable id); without an adapter, Auth.js gives an OAuth user a
 * new random id at every sign-in. So a `LinkOAuth` sign-in's `token.sub` becomes the normalised
 * Link email too, and every sign-in records its provider in `token.provider`, so that an app that
 * also has other providers never takes a Link email for another provider's person.
 *
 * @module
 */
import type { Account, Profile, User } from "@auth/core/types"
import type { JWT } from "@auth/core/jwt"
import { normalizeEmail } from "@login-with-link/core"

/** The provider ids {@link createLinkJwt} recognises. */
export interface LinkJwtOptions {
  /** The id of `LinkOAuth()`. @default "link-oauth" */
  oauthProviderId?: string
}

/** The arguments of Auth.js's `jwt` callback that `linkJwt` reads. */
export interface LinkJwtParams {
  token: JWT
  user?: User | null
  account?: Account | null
  profile?: Profile
}

/**
 * What `linkJwt` adds to the token: `provider`, the provider of the sign-in (`"link"` for the
 * code, `"link-oauth"` for Link's page, `"github"`, ...), and for a Link OAuth sign-in `linkId`,
 * Link's stable user id.
 */
export interface LinkJwtClaims {
  provider?: string
  linkId?: string
}

/**
 * A `jwt` callback for the given provider ids (see {@link linkJwt}).
 *
 * @example
 * ```ts
 * const jwt = createLinkJwt({ oauthProviderId: "link" })
 * NextAuth({ providers: [LinkOAuth({ id: "link" })], callbacks: { jwt } })
 * ```
 */
export function createLinkJwt(
  options: LinkJwtOptions = {}
): (params: LinkJwtParams) => JWT {
  const oauthId = options.oauthProviderId ?? "link-oauth"
  return ({ token, account, profile }) => {
    // `account` is set only at sign-in: afterwards the token is returned as it is.
    if (!account) return token
    const next: JWT & LinkJwtClaims = { ...token, provider: account.provider }
    if (account.provider === oauthId) {
      const email = normalizeEmail(profile?.email ?? token.email)
      // LinkOAuth refuses a profile without a valid email, so this only guards a misconfiguration.
      if (!email)
        throw new TypeError("linkJwt: a Link OAuth sign-in without an email")
      next.sub = email
      next.email = email
      next.linkId = account.providerAccountId
    } else {
      delete next.linkId
    }
    return next
  }
}

/**
 * The `jwt` callback for Link with JWT sessions and no adapter: a person who signs in by the
 * in-page code (`LoginWithLink`, id `link`) and by Link's page (`LinkOAuth`, id `link-oauth`) gets
 * the same `token.sub` (so the same `session.user.id`): their normalised Link email. It records
 * the provider of each sign-in in `token.provider`.
 *
 * With an adapter, use `linkSamePerson(adapter)` instead (its `jwt` keeps the database's user id).
 * Security: the email is Link's, not a verified mailbox; never treat `session.user.email` as
 * another provider's person: check `token.provider`.
 *
 * @example
 * ```ts
 * NextAuth({
 *   providers: [LoginWithLink(), LinkOAuth()],
 *   callbacks: {
 *     jwt: linkJwt,
 *     session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub! } }),
 *   },
 * })
 * ```
 */
export const linkJwt = createLinkJwt()
