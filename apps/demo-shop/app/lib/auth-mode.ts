/**
 * Which Login with Link the shop uses, from `AUTH_LINK_MODE` (read at run time, server-side):
 *
 * - `credentials` (default): the email and code steps are this shop's own pages (`LoginWithLink`).
 * - `oidc`: the shop redirects to the hosted Login with Link page, an OpenID Provider
 *   (`LoginWithLinkOIDC`, with `AUTH_LINK_ISSUER`, `AUTH_LINK_OIDC_ID`, `AUTH_LINK_OIDC_SECRET`).
 * - `oauth`: the shop redirects to Link's own sign-in page, login.link.com (`LinkOAuth`, with
 *   `AUTH_LINK_OAUTH_ID`, `AUTH_LINK_OAUTH_SECRET`, `AUTH_LINK_KEY`; `AUTH_LINK_OAUTH_URL` and
 *   `AUTH_LINK_OAUTH_API_URL` point it at the simulator).
 * - `both`: "Continue with Link" (the OAuth redirect) above the in-page email and code steps; one
 *   person is one user whichever they use (`linkJwt`).
 * @module
 */

export type AuthMode = "credentials" | "oidc" | "oauth" | "both"

const MODES: readonly AuthMode[] = ["credentials", "oidc", "oauth", "both"]

export function authMode(): AuthMode {
  const value = process.env.AUTH_LINK_MODE?.trim().toLowerCase()
  if (!value) return "credentials"
  const mode = MODES.find((m) => m === value)
  if (mode) return mode
  throw new Error(
    `AUTH_LINK_MODE must be "credentials", "oidc", "oauth" or "both", got ${JSON.stringify(process.env.AUTH_LINK_MODE)}.`
  )
}

/** Whether the shop offers Link's own OAuth page (`oauth` or `both`). */
export function usesLinkOAuth(mode: AuthMode = authMode()): boolean {
  return mode === "oauth" || mode === "both"
}

/** Whether the shop offers the in-page code steps (`credentials` or `both`). */
export function usesLinkCode(mode: AuthMode = authMode()): boolean {
  return mode === "credentials" || mode === "both"
}

/** The hosted page's issuer URL in OIDC mode (no trailing slash), else undefined. */
export function oidcIssuer(): string | undefined {
  if (authMode() !== "oidc") return undefined
  const issuer =
    process.env.AUTH_LINK_ISSUER ?? process.env.AUTH_LINK_OIDC_ISSUER
  return issuer && URL.canParse(issuer) ? issuer.replace(/\/+$/, "") : undefined
}

/**
 * The origins a sign-in or sign-out form may end on, for the CSP's `form-action`: the hosted page
 * in OIDC mode, Link's sign-in page (login.link.com or `AUTH_LINK_OAUTH_URL`) in OAuth modes.
 */
export function signInOrigins(): string[] {
  const issuer = oidcIssuer()
  if (issuer) return [new URL(issuer).origin]
  if (!usesLinkOAuth()) return []
  const login =
    process.env.AUTH_LINK_OAUTH_URL?.trim() || "https://login.link.com"
  return URL.canParse(login) ? [new URL(login).origin] : []
}
