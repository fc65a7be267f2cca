/**
 * `linkOAuthConfig()`: Link's own OAuth (login.link.com) as a provider of better-auth 1.7's
 * `genericOAuth` plugin, until better-auth's built-in `link` provider ships: `key=<publishable key>`
 * on the authorization URL, PKCE S256, the token call with `Authorization: Bearer <publishable
 * key>` and the client's credentials in the body, Link's userinfo mapped to the user (the Link `id`
 * as the account id, `emailVerified` false).
 *
 * The same person on Link's two paths: beside `loginWithLink()`, an OAuth sign-in whose Link id is
 * not recorded yet joins the user the code path created for the same Link email (and records the
 * id); a user any other way in created is never joined (better-auth's own linking rules apply,
 * and Link's email is not verified).
 *
 * @module
 */
import type { AuthContext } from "better-auth"
import type { GenericOAuthConfig } from "better-auth/plugins"
import { readEnvVar } from "@login-with-link/core"

/** Options of {@link linkOAuthConfig}. The environment fills the credentials, Auth.js style. */
export interface LinkOAuthConfigOptions {
  /** The provider's id in better-auth (the accounts' `providerId`). @default "link-oauth" */
  providerId?: string
  /** The OAuth client's id. @default AUTH_LINK_OAUTH_ID */
  clientId?: string
  /** The OAuth client's secret. @default AUTH_LINK_OAUTH_SECRET */
  clientSecret?: string
  /** The Stripe publishable key the client is tied to. @default AUTH_LINK_KEY */
  publishableKey?: string
  /**
   * login.link.com's base: `<url>/auth` authorizes, `<url>/auth/token` answers tokens.
   * @default AUTH_LINK_OAUTH_URL, else "https://login.link.com"
   */
  url?: string
  /** api.link.com's base: `<apiUrl>/userinfo`. @default AUTH_LINK_OAUTH_API_URL, else "https://api.link.com" */
  apiUrl?: string
  /** Scopes asked for; wallet scopes (`payment_methods.agentic`) are opt-in. @default ["userinfo:read"] */
  scopes?: string[]
  /** Milliseconds before the userinfo call fails. @default 10000 */
  timeout?: number
  /** The `fetch` of the userinfo call. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Refuse to create users through this provider. @default false */
  disableSignUp?: boolean
}

/** What the plugin tells the OAuth configs beside it: the app, and the code path's account id. */
interface Binding {
  context: Pick<AuthContext, "internalAdapter">
  codeProviderId: string
}

/** The configs made by {@link linkOAuthConfig}, so that `loginWithLink()` can find its own. */
const bindings = new WeakMap<object, { bind(binding: Binding): void }>()

/**
 * Called by `loginWithLink()` at start-up: the `genericOAuth` configs made by
 * {@link linkOAuthConfig} get the app's context, to join Link's two paths.
 */
export function bindLinkOAuthConfigs(
  plugins: readonly { id: string; options?: unknown }[] | undefined,
  binding: Binding & { oauthProviderId: string }
): void {
  for (const plugin of plugins ?? []) {
    if (plugin.id !== "generic-oauth") continue
    const configs = (plugin.options as { config?: unknown } | undefined)?.config
    if (!Array.isArray(configs)) continue
    for (const config of configs as { providerId?: unknown }[]) {
      if (config.providerId === binding.oauthProviderId)
        bindings.get(config)?.bind(binding)
    }
  }
}

/** Link's userinfo, as the contract gives it (any field but `id` and `email` may be missing). */
interface LinkProfile {
  id: string
  email: string
  name: string | undefined
}

function profileOf(body: unknown): LinkProfile | null {
  if (typeof body !== "object" || body === null) return null
  const { id, email, name, first_name, last_name } = body as Record<
    string,
    unknown
  >
  // No fallback to the email when the id is missing: the id is the account.
  if (typeof id !== "string" || id.trim() === "" || id.length > 255) return null
  if (typeof email !== "string" || !email.includes("@") || email.length > 254)
    return null
  const text = (value: unknown) =>
    typeof value === "string" && value.trim() !== "" ? value.trim() : undefined
  const full =
    text(name) ??
    ([text(first_name), text(last_name)].filter(Boolean).join(" ") || undefined)
  return { id: id.trim(), email: email.trim().toLowerCase(), name: full }
}

/**
 * Record the Link id on the user the code path created for this email, while none is recorded:
 * only a user whose every account is the code path's, keyed on this very email.
 */
async function joinCodePathUser(
  binding: Binding,
  providerId: string,
  profile: LinkProfile
): Promise<void> {
  const adapter = binding.context.internalAdapter
  const key = { providerId, accountId: profile.id }
  if (await adapter.findAccountOwnerByKey(key)) return
  const existing = await adapter.findUserByEmail(profile.email, {
    includeAccounts: true,
  })
  if (!existing || existing.accounts.length === 0) return
  const codePathOnly = existing.accounts.every(
    (account) =>
      account.providerId === binding.codeProviderId &&
      account.accountId === profile.email
  )
  if (!codePathOnly) return
  await adapter.linkAccount({ ...key, userId: existing.user.id })
}

function baseUrl(option: string, value: string): string {
  if (!URL.canParse(value))
    throw new TypeError(`linkOAuthConfig: option "${option}" must be a URL`)
  const url = new URL(value)
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw new TypeError(
      `linkOAuthConfig: option "${option}" must be https (http only for localhost)`
    )
  return value.replace(/\/+$/, "")
}

function required(option: string, env: string, value: string | undefined) {
  if (typeof value !== "string" || value.trim() === "")
    throw new TypeError(
      `linkOAuthConfig: option "${option}" is required (or set ${env})`
    )
  return value.trim()
}

/**
 * Link's OAuth as a `genericOAuth` provider config.
 *
 * @example
 * ```ts
 * import { genericOAuth } from "better-auth/plugins"
 * import { linkOAuthConfig, loginWithLink } from "@login-with-link/better-auth"
 *
 * export const auth = betterAuth({
 *   plugins: [loginWithLink(), genericOAuth({ config: [linkOAuthConfig()] })],
 * })
 * ```
 */
export function linkOAuthConfig(
  options: LinkOAuthConfigOptions = {}
): GenericOAuthConfig {
  const providerId = options.providerId ?? "link-oauth"
  const clientId = required(
    "clientId",
    "AUTH_LINK_OAUTH_ID",
    options.clientId ?? readEnvVar("AUTH_LINK_OAUTH_ID")
  )
  const clientSecret = required(
    "clientSecret",
    "AUTH_LINK_OAUTH_SECRET",
    options.clientSecret ?? readEnvVar("AUTH_LINK_OAUTH_SECRET")
  )
  const publishableKey = required(
    "publishableKey",
    "AUTH_LINK_KEY",
    options.publishableKey ?? readEnvVar("AUTH_LINK_KEY")
  )
  if (!/^pk_(live|test)_[A-Za-z0-9_]+$/.test(publishableKey))
    throw new TypeError(
      'linkOAuthConfig: option "publishableKey" must be a Stripe publishable key (pk_live_… or pk_test_…)'
    )
  const url = baseUrl(
    "url",
    options.url ?? readEnvVar("AUTH_LINK_OAUTH_URL") ?? "https://login.link.com"
  )
  const apiUrl = baseUrl(
    "apiUrl",
    options.apiUrl ??
      readEnvVar("AUTH_LINK_OAUTH_API_URL") ??
      "https://api.link.com"
  )
  const timeout = options.timeout ?? 10_000
  let binding: Binding | undefined

  const config: GenericOAuthConfig = {
    providerId,
    name: "Link",
    authorizationUrl: `${url}/auth`,
    tokenUrl: `${url}/auth/token`,
    userInfoUrl: `${apiUrl}/userinfo`,
    clientId,
    clientSecret,
    scopes: options.scopes ?? ["userinfo:read"],
    pkce: true,
    authorizationUrlParams: { key: publishableKey },
    // Link's token (and revoke) calls: the client's credentials in the body, the key as Bearer.
    authentication: "post",
    authorizationHeaders: { Authorization: `Bearer ${publishableKey}` },
    ...(options.disableSignUp ? { disableSignUp: true } : {}),
    async getUserInfo(tokens) {
      if (!tokens.accessToken) return null
      const response = await (options.fetch ?? fetch)(`${apiUrl}/userinfo`, {
        headers: {
          Authorization: `Bearer ${tokens.accessToken}`,
          Accept: "application/json",
        },
        signal: AbortSignal.timeout(timeout),
        redirect: "manual",
      }).catch(() => undefined)
      if (!response?.ok) return null
      const profile = profileOf(await response.json().catch(() => null))
      if (!profile) return null
      if (binding) await joinCodePathUser(binding, providerId, profile)
      return {
        id: profile.id,
        email: profile.email,
        name:
          profile.name ?? profile.email.slice(0, profile.email.indexOf("@")),
        emailVerified: false,
      }
    },
    // Link says nothing of whether the mailbox was verified.
    mapProfileToUser: () => ({ emailVerified: false }),
  }
  bindings.set(config, {
    bind(next) {
      binding = next
    },
  })
  return config
}
