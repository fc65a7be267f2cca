/**
 * Which Login with Link the shop uses, from `AUTH_LINK_MODE` (read at run time, server-side):
 *
 * - `credentials` (default): the email and code steps are this shop's own pages (`LoginWithLink`).
 * - `oidc`: the shop redirects to the hosted Login with Link page, an OpenID Provider
 *   (`LoginWithLinkOIDC`, with `AUTH_LINK_ISSUER`, `AUTH_LINK_OIDC_ID`, `AUTH_LINK_OIDC_SECRET`).
 * @module
 */

export type AuthMode = "credentials" | "oidc"

export function authMode(): AuthMode {
  const value = process.env.AUTH_LINK_MODE?.trim().toLowerCase()
  if (!value || value === "credentials") return "credentials"
  if (value === "oidc") return "oidc"
  throw new Error(
    `AUTH_LINK_MODE must be "credentials" or "oidc", got ${JSON.stringify(process.env.AUTH_LINK_MODE)}.`
  )
}

/** The hosted page's issuer URL in OIDC mode (no trailing slash), else undefined. */
export function oidcIssuer(): string | undefined {
  if (authMode() !== "oidc") return undefined
  const issuer =
    process.env.AUTH_LINK_ISSUER ?? process.env.AUTH_LINK_OIDC_ISSUER
  return issuer && URL.canParse(issuer) ? issuer.replace(/\/+$/, "") : undefined
}
