/**
 * The OpenID Provider: oidc-provider configured for "Login with Link". No OAuth protocol code is
 * written here: this file only chooses oidc-provider's options.
 *
 * - authorization code flow only, PKCE (S256) required for every client, client secret at the
 *   token endpoint (client_secret_basic);
 * - ID token with `sub`, `email`, `email_verified: true` and `name` (conformIdTokenClaims off, so
 *   the scope's claims are in the ID token, not only at userinfo);
 * - consent skipped for first-party clients (a grant is made for them, as panva's recipe does);
 * - RP-initiated logout with our own pages.
 * @module
 */
import Provider, {
  type AdapterFactory,
  type Configuration,
  type KoaContextWithOIDC,
} from "oidc-provider"
import { findAccountIn, type AccountStore } from "./accounts.js"
import { toClientMetadata, type ClientConfig } from "./clients.js"
import type { HostedLoginSecrets } from "./secrets.js"
import { logoutPage, messagePage } from "./views.js"

/** Scopes and the claims each releases. */
export const CLAIMS = {
  openid: ["sub"],
  email: ["email", "email_verified"],
  profile: ["name"],
} as const

/** Lifetimes in seconds. */
export const TTL = {
  AuthorizationCode: 60,
  AccessToken: 10 * 60,
  IdToken: 60 * 60,
  Interaction: 30 * 60,
  Session: 14 * 24 * 60 * 60,
  Grant: 14 * 24 * 60 * 60,
} as const

/** What {@link createOidcProvider} needs. */
export interface OidcProviderOptions {
  issuer: string
  clients: ClientConfig[]
  secrets: HostedLoginSecrets
  storage: AdapterFactory
  accounts: AccountStore
  /** Trust X-Forwarded-* (behind a TLS-terminating proxy). @default false */
  trustProxy?: boolean
}

async function page(body: ReturnType<typeof messagePage>): Promise<string> {
  return String(await body)
}

/** Creates the oidc-provider instance. */
export function createOidcProvider(options: OidcProviderOptions): Provider {
  const firstParty = new Set(
    options.clients.filter((c) => c.first_party).map((c) => c.client_id)
  )

  const configuration: Configuration = {
    adapter: options.storage,
    clients: options.clients.map(toClientMetadata),
    jwks: options.secrets.jwks,
    cookies: { keys: options.secrets.cookieKeys },
    findAccount: findAccountIn(options.accounts),
    claims: {
      openid: [...CLAIMS.openid],
      email: [...CLAIMS.email],
      profile: [...CLAIMS.profile],
    },
    scopes: ["openid", "email", "profile"],
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    ttl: { ...TTL },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = "html"
          ctx.body = await page(
            logoutPage(form, ctx.oidc.client?.clientName ?? undefined)
          )
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = "html"
          ctx.body = await page(
            messagePage({
              title: "You are signed out",
              message: "You are signed out of Login with Link on this device.",
              action: "You can close this page.",
            })
          )
        },
      },
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client
      const session = ctx.oidc.session
      if (!client || !session) return undefined
      const grantId =
        ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      if (!firstParty.has(client.clientId) || !session.accountId)
        return undefined
      // A first-party shop: the person is signing in to it, not granting it access to anything.
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      })
      grant.addOIDCScope("openid email profile")
      await grant.save()
      return grant
    },
    async renderError(ctx, out) {
      ctx.type = "html"
      ctx.body = await page(
        messagePage({
          title: "This sign-in request cannot be completed",
          message: `${out.error}: ${out.error_description ?? "the request is not valid"}`,
          action:
            "Go back to the shop and try again. If it keeps happening, tell the shop: its sign-in link is misconfigured.",
        })
      )
    },
  }

  const provider = new Provider(options.issuer, configuration)
  provider.proxy = options.trustProxy ?? false
  return provider
}
