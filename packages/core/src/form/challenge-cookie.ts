/**
 * The cookie a server driver keeps the pending challenge in, as a spec any framework's cookie API
 * can apply: httpOnly, `SameSite=Lax`, `Path=/`; over HTTPS `__Host-`-prefixed and `Secure` (no
 * sibling subdomain can plant or read it); over plain HTTP (development) neither, or the browser
 * would refuse it. It outlives the code a little, so an expired sign-in is reported as such.
 *
 * @module
 */

/** The cookie's name over plain HTTP; over HTTPS it gets the `__Host-` prefix. */
export const LINK_CHALLENGE_COOKIE = "link_signin"

/** Longest cookie value read: a sealed challenge is well under this; anything longer is refused. */
export const MAX_CHALLENGE_COOKIE = 4096

/** Longer than a code lives, so an expired sign-in is reported as such instead of vanishing. */
const LINGER_SECONDS = 20 * 60

/** The cookie's attributes, for a framework's `cookies.set(name, value, attributes)`. */
export interface LinkChallengeCookieAttributes {
  httpOnly: true
  sameSite: "lax"
  secure: boolean
  path: "/"
  maxAge: number
}

/** The cookie's name, over HTTPS or not. */
export function linkChallengeCookieName(secure: boolean): string {
  return secure ? `__Host-${LINK_CHALLENGE_COOKIE}` : LINK_CHALLENGE_COOKIE
}

/** The attributes to set it with, for a challenge that expires at `expiresAt` (0 clears it). */
export function linkChallengeCookieAttributes(
  secure: boolean,
  expiresAt: number
): LinkChallengeCookieAttributes {
  const lifetime = Math.ceil((expiresAt - Date.now()) / 1000)
  return {
    httpOnly: true,
    sameSite: "lax",
    secure,
    // `__Host-` requires Path=/ and no Domain; the same over HTTP, so the page's path is free.
    path: "/",
    maxAge:
      expiresAt === 0
        ? 0
        : Math.max(60, Math.min(lifetime, 3600)) + LINGER_SECONDS,
  }
}

/** What a cookie's value says: a challenge, nothing, or something too long to be one. */
export type LinkChallengeCookie =
  | { status: "present"; challenge: string }
  | { status: "missing" }
  | { status: "oversized" }

/** Read a cookie's value as a challenge (bounded). */
export function readLinkChallengeCookie(
  value: string | undefined
): LinkChallengeCookie {
  if (!value) return { status: "missing" }
  if (value.length > MAX_CHALLENGE_COOKIE) return { status: "oversized" }
  return { status: "present", challenge: value }
}

/**
 * Whether the request came over HTTPS: the proxy's `X-Forwarded-Proto` (frameworks set it from the
 * connection when no proxy does), else the app's configured URL.
 */
export function isHttpsRequest(
  forwardedProto: string | null | undefined,
  configuredUrl: string | undefined,
  fallback: boolean
): boolean {
  const proto = forwardedProto?.split(",")[0]?.trim().toLowerCase()
  if (proto === "https") return true
  if (proto === "http") return false
  if (configuredUrl && URL.canParse(configuredUrl))
    return new URL(configuredUrl).protocol === "https:"
  return fallback
}
