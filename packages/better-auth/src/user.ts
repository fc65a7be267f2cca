/**
 * Who a Link sign-in is in the app: the user found or created for the Link-verified email.
 *
 * - A user who signed in with Link's code before has an account
 *   `{ providerId: "link", accountId: email }`: that user signs in.
 * - A user with the email whose only accounts are Link's own (the OAuth provider's, see
 *   `oauth.ts`) is the same person on Link's other path: the code account is recorded on that user.
 * - Any other user with the email (a password, another provider) is joined only when the app says
 *   that Link's email is proven (the `emailVerified` option) and its `account.accountLinking`
 *   allows it (not turned off, and the local email verified unless `requireLocalEmailVerified:
 *   false`). Listing Link in `trustedProviders` alone is not enough: whoever puts someone else's
 *   email on a Link account would get that person's user. When such a join marks an unverified
 *   user verified, better-auth's `revokeUnprovenAccountAccess` first removes the sessions and
 *   credentials that nobody proved, as its magic link and email OTP do. Otherwise
 *   `ACCOUNT_NOT_LINKED`.
 * - Nobody has the email: a user is created (unless `disableSignUp`), named as on Link or, when
 *   Link shares no name, after the email's local part.
 *
 * @module
 */
import type { Account, GenericEndpointContext, User } from "better-auth"
import { revokeUnprovenAccountAccess } from "better-auth/db"
import { apiError } from "./api-error.js"
import type { LinkUser } from "@login-with-link/core"
import type { PluginSettings } from "./options.js"

/** Whether the app lets Link's code path join a user that another way in created. */
export function mayJoinOtherUser(
  ctx: GenericEndpointContext,
  settings: PluginSettings,
  existing: User
): boolean {
  // The one switch: the app takes Link's email as proven. `trustedProviders` is not consulted.
  if (!settings.emailVerified) return false
  const linking = ctx.context.options.account?.accountLinking
  if (linking?.enabled === false || linking?.disableImplicitLinking === true) {
    return false
  }
  const requireLocalEmailVerified = linking?.requireLocalEmailVerified ?? true
  return !(requireLocalEmailVerified && !existing.emailVerified)
}

/**
 * Whether every account of a user is Link's (the code path's or the OAuth provider's): the user
 * is then the same person on Link's other path, and no other provider created them.
 */
export function onlyLinkAccounts(
  accounts: readonly Pick<Account, "providerId">[],
  providerIds: readonly string[]
): boolean {
  return (
    accounts.length > 0 &&
    accounts.every((account) => providerIds.includes(account.providerId))
  )
}

/** The name of a user Link signs up: Link's full name, else the email's local part. */
export function displayName(person: Pick<LinkUser, "email" | "name">): string {
  const name = person.name?.trim()
  if (name) return name.slice(0, 200)
  return person.email.slice(0, person.email.indexOf("@")) || person.email
}

/** Find, join or create the user for a Link-verified person. */
export async function resolveUser(
  ctx: GenericEndpointContext,
  settings: PluginSettings,
  person: LinkUser
): Promise<User> {
  const adapter = ctx.context.internalAdapter
  const email = person.email.toLowerCase()
  const accountKey = { providerId: settings.providerId, accountId: email }

  const owner = await adapter.findAccountOwnerByKey(accountKey)
  if (owner?.kind === "owned") return owner.user

  const existing = await adapter.findUserByEmail(email, {
    includeAccounts: true,
  })
  if (existing) {
    const sameLinkPerson = onlyLinkAccounts(existing.accounts, [
      settings.providerId,
      settings.oauthProviderId,
    ])
    if (!sameLinkPerson && !mayJoinOtherUser(ctx, settings, existing.user)) {
      throw apiError("ACCOUNT_NOT_LINKED")
    }
    let user = existing.user
    if (settings.emailVerified && !user.emailVerified) {
      // Link proved the email (the app says so): what the unverified user held before is unproven.
      const promoted = sameLinkPerson
        ? await adapter.updateUser(user.id, { emailVerified: true })
        : await revokeUnprovenAccountAccess(ctx, user.id)
      if (!promoted) throw apiError("ACCOUNT_NOT_LINKED")
      user = promoted
    }
    await adapter.linkAccount({ ...accountKey, userId: user.id })
    const linking = ctx.context.options.account?.accountLinking
    if (linking?.updateUserInfoOnLink === true && person.name?.trim()) {
      user = await adapter.updateUser(user.id, { name: displayName(person) })
    }
    return user
  }

  if (settings.disableSignUp) throw apiError("SIGN_UP_DISABLED")
  const user = await adapter.createUser(
    {
      email,
      name: displayName(person),
      emailVerified: settings.emailVerified,
    },
    { method: "login-with-link" }
  )
  await adapter.createAccount({ ...accountKey, userId: user.id })
  return user
}
