/**
 * `LoginWithLinkOIDC(options)`: Login with Link as a plain OpenID Connect provider for Auth.js.
 * The person signs in on the hosted Login with Link page (apps/hosted-login); Auth.js runs the
 * authorization code flow with PKCE, state and nonce, and gets an ID token whose `sub` is stable
 * and opaque, with `email` (the one the person proved with a Link code), `email_verified` (as the
 * hosted page is configured: `false` by default, since Link proves the phone, not the mailbox) and
 * `name` when Link shares it.
 *
 * Switching a next-auth app from the Credentials provider is one line:
 * `providers: [LoginWithLinkOIDC()]` instead of `providers: [LoginWithLink()]`.
 *
 * @module
 */
import type { OIDCConfig, OIDCUserConfig } from "@auth/core/providers"
import { readEnvVar } from "@login-with-link/core"

/** The claims of a Login with Link ID token. */
export interface LinkOIDCProfile extends Record<string, unknown> {
  /** Stable, opaque id of the person (an HMAC of their normalised email, not the email). */
  sub: string
  /** The email the person proved with a Link code. */
  email: string
  /**
   * Whether the hosted page vouches for the mailbox: `false` unless it was configured otherwise.
   * Link sent a code to the phone on this email's Link account; nothing says it verified the
   * mailbox. Auth.js does not read it (a user it creates gets `emailVerified: null`).
   */
  email_verified: boolean
  /** Link's full name, when the person saved one and Link shares it. */
  name?: string
  iss: string
  aud: string | string[]
}

/**
 * Options of {@link LoginWithLinkOIDC}: any Auth.js OIDC option. Unset ones come from the
 * environment.
 */
export interface LoginWithLinkOIDCOptions extends OIDCUserConfig<LinkOIDCProfile> {
  /**
   * The hosted Login with Link issuer, e.g. `https://login.example.com`.
   * @default process.env.AUTH_LINK_ISSUER (then Auth.js's AUTH_LINK_OIDC_ISSUER)
   */
  issuer?: string
  /** @default process.env.AUTH_LINK_OIDC_ID */
  clientId?: string
  /**
   * Security: the client secret authenticates the shop at the token endpoint; keep it server-side.
   * @default process.env.AUTH_LINK_OIDC_SECRET
   */
  clientSecret?: string
}

/** The variables this provider reads (the Auth.js names for id `link-oidc`, plus AUTH_LINK_ISSUER). */
function readOidcEnv(): {
  issuer?: string
  clientId?: string
  clientSecret?: string
} {
  const get = readEnvVar // env.ts: the one place that reads the environment
  const issuer = get("AUTH_LINK_ISSUER") ?? get("AUTH_LINK_OIDC_ISSUER")
  const clientId = get("AUTH_LINK_OIDC_ID")
  const clientSecret = get("AUTH_LINK_OIDC_SECRET")
  return {
    ...(issuer ? { issuer } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
  }
}

function checkIssuer(issuer: string): string {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    throw new TypeError(
      `LoginWithLinkOIDC: issuer must be the hosted Login with Link URL, got ${JSON.stringify(issuer)}. Set AUTH_LINK_ISSUER or pass { issuer }.`
    )
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new TypeError(
      `LoginWithLinkOIDC: issuer must be https (plain http only for localhost), got ${JSON.stringify(issuer)}.`
    )
  }
  if (url.search || url.hash) {
    throw new TypeError(
      "LoginWithLinkOIDC: issuer must not have a query or fragment."
    )
  }
  return issuer.replace(/\/+$/, "")
}

/**
 * Login with Link over OpenID Connect, for Auth.js (`id: "link-oidc"`).
 *
 * @example
 * ```ts
 * // auth.ts: AUTH_LINK_ISSUER, AUTH_LINK_OIDC_ID and AUTH_LINK_OIDC_SECRET in the environment
 * import NextAuth from "next-auth"
 * import { LoginWithLinkOIDC } from "@login-with-link/provider"
 * export const { handlers, auth, signIn, signOut } = NextAuth({ providers: [LoginWithLinkOIDC()] })
 * // sign in: signIn("link-oidc")
 * ```
 */
export function LoginWithLinkOIDC(
  options: LoginWithLinkOIDCOptions = {}
): OIDCConfig<LinkOIDCProfile> {
  const env = readOidcEnv()
  const issuer = options.issuer ?? env.issuer
  const config: OIDCConfig<LinkOIDCProfile> = {
    id: "link-oidc",
    name: "Link",
    type: "oidc",
    // Every check Auth.js has: PKCE (S256, required by the hosted page), state and nonce.
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    client: { token_endpoint_auth_method: "client_secret_basic" },
    style: { brandColor: "#00a85a", text: "#ffffff" },
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email,
        name: profile.name ?? null,
        image: null,
      }
    },
    ...(env.clientId ? { clientId: env.clientId } : {}),
    ...(env.clientSecret ? { clientSecret: env.clientSecret } : {}),
    options: {
      ...options,
      ...(issuer === undefined ? {} : { issuer: checkIssuer(issuer) }),
    },
  }
  if (issuer !== undefined) config.issuer = checkIssuer(issuer)
  return config
}
