/**
 * The OpenID Provider: oidc-provider configured for "Login with Link". No OAuth protocol code is
 * written here: this file only chooses oidc-provider's options.
 *
 * - authorization code flow only, PKCE (S256) required for every client, client secret at the
 *   token endpoint (client_secret_basic);
 * - ID token with `sub`, `email`, `email_verified` (false unless configured: Link proves the
 *   phone, not the mailbox) and `name` (conformIdTokenClaims off, so the scope's claims are in the
 *   ID token, not only at userinfo);
 * - cookies `Secure` and `__Host-` / `__Secure-` prefixed when the issuer is https;
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
  /** The ID token's `email_verified`. @default false */
  emailVerified?: boolean
}

/**
 * The names of oidc-provider's cookies. Over https they are prefixed, so that the browser itself
 * guarantees they were set over https by this host: the session (Path=/) is `__Host-`, which also
 * forbids a Domain, so no sibling subdomain can plant or shadow it; the interaction and resume
 * cookies are scoped to a path (`/interaction/<uid>`, `/auth/<uid>`), which `__Host-` forbids, so
 * they are `__Secure-`. Over plain http (development) browsers refuse both prefixes: the names are
 * oidc-provider's own.
 */
export function cookieNames(secure: boolean): {
  session: string
  interaction: string
  resume: string
} {
  return secure
    ? {
        session: "__Host-session",
        interaction: "__Secure-interaction",
        resume: "__Secure-interaction_resume",
      }
    : {
        session: "_session",
        interaction: "_interaction",
        resume: "_interaction_resume",
      }
}

/** Whether the issuer is served over https: then every cookie is Secure and prefixed. */
export function isHttpsIssuer(issuer: string): boolean {
  return new URL(issuer).protocol === "https:"
}

async function page(body: ReturnType<typeof messagePage>): Promise<string> {
  return String(await body)
}

/** Creates the oidc-provider instance. */
export function createOidcProvider(options: OidcProviderOptions): Provider {
  const firstParty = new Set(
    options.clients.filter((c) => c.first_party).map((c) => c.client_id)
  )
  // Decided by the issuer, the URL people use, not by NODE_ENV or by how the request arrived.
  const secure = isHttpsIssuer(options.issuer)
  const cookieOptions = { httpOnly: true, sameSite: "lax", secure } as const

  const configuration: Configuration = {
    adapter: options.storage,
    clients: options.clients.map(toClientMetadata),
    jwks: options.secrets.jwks,
    cookies: {
      keys: options.secrets.cookieKeys,
      names: cookieNames(secure),
      long: { ...cookieOptions },
      short: { ...cookieOptions },
    },
    findAccount: findAccountIn(
      options.accounts,
      options.emailVerified ?? false
    ),
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
