/**
 * `linkSamePerson(adapter)`: one user row for one Link person, whichever Link path they sign in by,
 * in an Auth.js app with an adapter.
 *
 * The code path (`LoginWithLink`, a Credentials provider) knows a person by the email Link looked
 * up, and Auth.js never writes a Credentials sign-in to the adapter; the OAuth path (`LinkOAuth`)
 * knows them by Link's stable `id`. The rule:
 *
 * 1. Every Link user has a **Link email key**: an account row `{ provider: "link", type: "email",
 *    providerAccountId: <normalised Link email> }`. The code path signs in the user that holds the
 *    key (creating the user and the key the first time); an OAuth sign-in records the key for a
 *    user it creates, and moves it when Link says the person's email changed.
 * 2. An OAuth sign-in whose Link `id` is recorded signs in that user (Auth.js's own rule).
 * 3. An OAuth sign-in whose Link `id` is not recorded joins the user holding the Link email key of
 *    its email, and records the id there.
 * 4. Nothing else is joined: a user that another provider created (GitHub, a password) never holds
 *    a Link email key, so neither path joins it. The OAuth path answers `OAuthAccountNotLinked`
 *    (Auth.js's own rule, `account_not_linked` on the page) and the code path the same code.
 *
 * @module
 */
import type {
  Adapter,
  AdapterAccount,
  AdapterSession,
  AdapterUser,
} from "@auth/core/adapters"
import { CredentialsSignin } from "@auth/core/errors"
import type { Account, Profile, User } from "@auth/core/types"
import type { JWT } from "@auth/core/jwt"
import { normalizeEmail } from "@login-with-link/core"
import { linkOAuthErrorFor } from "./link-oauth-errors.js"
import type { CredentialsSigninClass } from "./outcome-errors.js"

/** The provider ids and the `CredentialsSignin` copy {@link linkSamePerson} works with. */
export interface LinkSamePersonOptions {
  /** The id of `LoginWithLink()` (the in-page code). @default "link" */
  codeProviderId?: string
  /** The id of `LinkOAuth()`. @default "link-oauth" */
  oauthProviderId?: string
  /** The `CredentialsSignin` of the app's `@auth/core` (next-auth's, bound by `@login-with-link/next/provider`). */
  CredentialsSignin?: CredentialsSigninClass
}

/** The arguments of Auth.js's `signIn` callback that {@link LinkSamePerson.signIn} reads. */
export interface LinkSignInParams {
  user: User | AdapterUser
  account?: Account | null
  profile?: Profile
}

/** What {@link linkSamePerson} returns: the adapter to give Auth.js, and two callbacks. */
export interface LinkSamePerson {
  /**
   * The adapter, with two additions: linking a Link OAuth account also records the Link email
   * key, and `deleteSession` answers the deleted session (so `events.signOut` knows whose it was).
   */
  adapter: Adapter
  /** The `signIn` callback: applies the rule above. Call it first in your own, if you have one. */
  signIn(params: LinkSignInParams): Promise<true>
  /** The `jwt` callback (JWT sessions): records `token.provider`; the id stays the database's. */
  jwt(params: { token: JWT; account?: Account | null }): JWT
}

/**
 * One user per Link person across the code path and the OAuth path, with an Auth.js adapter.
 * The code path needs `session: { strategy: "jwt" }` (Auth.js's rule for Credentials); the OAuth
 * path also works with database sessions.
 *
 * @example
 * ```ts
 * const link = linkSamePerson(PostgresAdapter(pool))
 * export const { handlers, auth, signIn, signOut } = NextAuth({
 *   adapter: link.adapter,
 *   session: { strategy: "jwt" },
 *   providers: [LoginWithLink(), LinkOAuth(), GitHub],
 *   callbacks: { signIn: link.signIn, jwt: link.jwt },
 * })
 * ```
 */
export function linkSamePerson(
  adapter: Adapter,
  options: LinkSamePersonOptions = {}
): LinkSamePerson {
  const codeId = options.codeProviderId ?? "link"
  const oauthId = options.oauthProviderId ?? "link-oauth"
  const OAuthError = linkOAuthErrorFor(
    options.CredentialsSignin ?? CredentialsSignin
  )
  const need = <K extends keyof Adapter>(name: K): NonNullable<Adapter[K]> => {
    const method = adapter[name]
    if (typeof method !== "function") {
      throw new TypeError(
        `linkSamePerson: the adapter has no ${String(name)}().`
      )
    }
    return method.bind(adapter) as NonNullable<Adapter[K]>
  }
  const createUser = need("createUser")
  const getUser = need("getUser")
  const getUserByEmail = need("getUserByEmail")
  const getUserByAccount = need("getUserByAccount")
  const linkAccount = need("linkAccount")
  const unlinkAccount = need("unlinkAccount")
  const updateUser = need("updateUser")

  const keyOf = (email: string) => ({
    provider: codeId,
    providerAccountId: email,
  })
  const addKey = async (userId: string, email: string) => {
    await linkAccount({
      userId,
      provider: codeId,
      type: "email",
      providerAccountId: email,
    } satisfies AdapterAccount)
  }

  /** The code path: the user holding the email key, created with it the first time. */
  async function codeUser(email: string, name: string | null | undefined) {
    const keyed = await getUserByAccount(keyOf(email))
    if (keyed) return keyed
    // Someone else's user (GitHub, a password, a user created before this rule) has the email:
    // never joined, whatever the provider says about the mailbox.
    if (await getUserByEmail(email)) {
      throw new OAuthError("account_not_linked", {
        reason: "email held by a user without a Link email key",
      })
    }
    const created = await createUser({
      id: crypto.randomUUID(),
      email,
      name: name ?? null,
      image: null,
      emailVerified: null,
    })
    await addKey(created.id, email)
    return created
  }

  /** A known Link id whose email changed at Link: move the email key with it, when it is free. */
  async function followEmail(user: AdapterUser, email: string) {
    const holder = await getUserByAccount(keyOf(email))
    if (holder) return // already this user's, or another Link user's: leave both as they are
    const current = normalizeEmail(user.email)
    if (current && current !== email) {
      const old = await getUserByAccount(keyOf(current))
      if (old?.id === user.id) await unlinkAccount(keyOf(current))
      if (!(await getUserByEmail(email)))
        await updateUser({ id: user.id, email })
    }
    await addKey(user.id, email)
  }

  const wrapped: Adapter = {
    ...adapter,
    async linkAccount(account): Promise<AdapterAccount | null | undefined> {
      const linked = (await linkAccount(account)) ?? undefined
      if (account.provider === oauthId) {
        // A user Auth.js just created for a new Link person: give them the email key.
        const user = await getUser(account.userId)
        const email = normalizeEmail(user?.email)
        if (user && email && !(await getUserByAccount(keyOf(email)))) {
          await addKey(user.id, email)
        }
      }
      return linked
    },
    async deleteSession(sessionToken) {
      const found = await adapter.getSessionAndUser?.(sessionToken)
      const deleted = await need("deleteSession")(sessionToken)
      return (deleted ?? found?.session ?? null) as AdapterSession | null
    },
  }

  return {
    adapter: wrapped,
    async signIn({ user, account, profile }) {
      if (account?.provider === codeId) {
        const email = normalizeEmail(user.email)
        if (!email)
          throw new OAuthError("oauth_failed", {
            reason: "a Link sign-in without an email",
          })
        const found = await codeUser(email, user.name)
        // Auth.js builds the token from this object after the callback: the database's id.
        user.id = String(found.id)
        return true
      }
      if (account?.provider === oauthId) {
        const email = normalizeEmail(profile?.email ?? user.email)
        if (!email)
          throw new OAuthError("oauth_failed", {
            reason: "a Link sign-in without an email",
          })
        const known = await getUserByAccount({
          provider: oauthId,
          providerAccountId: account.providerAccountId,
        })
        if (known) {
          await followEmail(known, email)
          return true
        }
        const keyed = await getUserByAccount(keyOf(email))
        if (keyed) {
          // The first OAuth sign-in of a person known by the code: record the Link id on their
          // user; Auth.js then finds it by this account and signs them in.
          await linkAccount({
            ...account,
            userId: keyed.id,
            type: "oauth",
          } as AdapterAccount)
        }
        // Otherwise Auth.js creates the user (the wrapped linkAccount adds the email key), or
        // refuses with OAuthAccountNotLinked when another provider's user has the email.
        return true
      }
      return true
    },
    jwt({ token, account }) {
      if (!account) return token
      return { ...token, provider: account.provider }
    },
  }
}
