/**
 * Who a Link sign-in is in the app: the user found or created for the Link-verified email, with
 * the same account-linking rules as better-auth's own social sign-in.
 *
 * - A user who signed in with Link before has an account `{ providerId: "link", accountId: email }`:
 *   that user signs in.
 * - A user with the email who never used Link is linked only when the app's
 *   `account.accountLinking` allows it, decided as for a social provider: linking is not turned
 *   off (`enabled`, `disableImplicitLinking`), Link is trusted (`trustedProviders` lists it) or
 *   its email is taken as verified (the `emailVerified` option), and the local user's email is
 *   verified (unless `requireLocalEmailVerified: false`). Otherwise `ACCOUNT_NOT_LINKED`.
 * - Nobody has the email: a user is created (unless `disableSignUp`), named as on Link or, when
 *   Link shares no name, after the email's local part.
 *
 * @module
 */
import type { GenericEndpointContext, User } from "better-auth"
import { apiError } from "./error-codes.js"
import type { LinkUser } from "@login-with-link/core"
import type { PluginSettings } from "./options.js"

/** Whether the app's account-linking settings let Link join an existing user. */
export function mayLinkExistingUser(
  ctx: GenericEndpointContext,
  settings: PluginSettings,
  existing: User
): boolean {
  const linking = ctx.context.options.account?.accountLinking
  if (linking?.enabled === false || linking?.disableImplicitLinking === true) {
    return false
  }
  const trusted = ctx.context.trustedProviders.includes(settings.providerId)
  if (!trusted && !settings.emailVerified) return false
  const requireLocalEmailVerified = linking?.requireLocalEmailVerified ?? true
  return !(requireLocalEmailVerified && !existing.emailVerified)
}

/** The name of a user Link signs up: Link's full name, else the email's local part. */
export function displayName(person: LinkUser): string {
  const name = person.name?.trim()
  if (name) return name.slice(0, 200)
  return person.email.slice(0, person.email.indexOf("@")) || person.email
}

/** Find, link or create the user for a Link-verified person. */
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
    if (!mayLinkExistingUser(ctx, settings, existing.user)) {
      ctx.context.logger.info(
        `Login with Link: a user with this email exists and the account-linking settings do not let Link join it (list "${settings.providerId}" in account.accountLinking.trustedProviders to allow it)`
      )
      throw apiError("ACCOUNT_NOT_LINKED")
    }
    await adapter.linkAccount({ ...accountKey, userId: existing.user.id })
    let user = existing.user
    if (settings.emailVerified && !user.emailVerified) {
      user = await adapter.updateUser(user.id, { emailVerified: true })
    }
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
