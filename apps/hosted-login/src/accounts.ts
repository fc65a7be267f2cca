/**
 * The people who signed in: `sub` -> the claims Link gave for them, kept in the same storage as
 * oidc-provider's models so that any instance can answer the token endpoint.
 * @module
 */
import type { AdapterFactory, FindAccount } from "oidc-provider"
import { subjectFor } from "./subject.js"

/** What the ID token says about a person. */
export interface LinkAccount {
  sub: string
  email: string
  name?: string
}

/** Reads and writes {@link LinkAccount}s. */
export interface AccountStore {
  /** Records a person who just proved their email with a Link code; returns their account. */
  remember(user: { email: string; name?: string }): Promise<LinkAccount>
  find(sub: string): Promise<LinkAccount | undefined>
}

/**
 * Creates an account store on an oidc-provider adapter (model name `LinkAccount`).
 *
 * @param ttl seconds an account is kept after its last sign-in; as long as a session at least.
 */
export function createAccountStore(
  storage: AdapterFactory,
  pepper: string,
  ttl: number
): AccountStore {
  const adapter = storage("LinkAccount")
  return {
    async remember({ email, name }) {
      const account: LinkAccount = {
        sub: subjectFor(email, pepper),
        email: email.trim().toLowerCase(),
        ...(name ? { name } : {}),
      }
      await adapter.upsert(account.sub, { ...account }, ttl)
      return account
    },
    async find(sub) {
      const payload = await adapter.find(sub)
      if (!payload || typeof payload.email !== "string") return undefined
      return {
        sub,
        email: payload.email,
        ...(typeof payload.name === "string" ? { name: payload.name } : {}),
      }
    },
  }
}

/**
 * oidc-provider's `findAccount`: the claims of the ID token and userinfo.
 *
 * @param emailVerified the `email_verified` claim (see `HostedLoginOptions.emailVerified`).
 */
export function findAccountIn(
  accounts: AccountStore,
  emailVerified: boolean
): FindAccount {
  return async (_ctx, sub) => {
    const account = await accounts.find(sub)
    if (!account) return undefined
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: account.email,
          email_verified: emailVerified,
          ...(account.name ? { name: account.name } : {}),
        }
      },
    }
  }
}
