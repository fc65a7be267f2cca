"use server"
/**
 * Signing out (and, in OIDC mode, signing in through the hosted page). The in-page sign-in with
 * Link, and "Continue with Link" to Link's own page in OAuth modes, are app/login/actions.ts.
 * @module
 */
import { redirect } from "next/navigation"
import { headers } from "next/headers"
import { signOut } from "@/auth"
import { authMode, oidcIssuer } from "./auth-mode"

export async function signOutAction(): Promise<void> {
  if (authMode() !== "oidc") {
    await signOut({ redirectTo: "/" })
    return
  }
  // OIDC mode: end the shop's session, then the hosted page's own short session too
  // (RP-initiated logout), which asks the person to confirm and sends them back here.
  await signOut({ redirect: false })
  redirect((await hostedLogoutUrl()) ?? "/")
}

/** The hosted page's end-session URL, returning to this shop's home page; undefined if unknown. */
async function hostedLogoutUrl(): Promise<string | undefined> {
  const issuer = oidcIssuer()
  const clientId = process.env.AUTH_LINK_OIDC_ID
  if (!issuer || !clientId) return undefined
  try {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    })
    const { end_session_endpoint: endpoint } = (await response.json()) as {
      end_session_endpoint?: unknown
    }
    if (!response.ok || typeof endpoint !== "string" || !URL.canParse(endpoint))
      return undefined
    const url = new URL(endpoint)
    url.searchParams.set("client_id", clientId)
    url.searchParams.set("post_logout_redirect_uri", `${await shopOrigin()}/`)
    return url.toString()
  } catch {
    // The hosted page is down: the shop's session is over anyway.
    return undefined
  }
}

/** This shop's public origin: AUTH_URL's, else the request's. */
async function shopOrigin(): Promise<string> {
  const h = await headers()
  return process.env.AUTH_URL && URL.canParse(process.env.AUTH_URL)
    ? new URL(process.env.AUTH_URL).origin
    : `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`
}
