/**
 * The sign-in in progress, between the email and code steps: the sealed challenge alone, in one
 * httpOnly cookie set by the server action. Over HTTPS it is `__Host-`-prefixed and `Secure` (so no
 * sibling subdomain can plant or read it, and it never travels over plain HTTP); over plain HTTP
 * (`next dev`, a test server) it is neither, or the browser would refuse it. HTTPS is decided by
 * the request, as Auth.js decides for its own cookies: the proxy's `X-Forwarded-Proto` (Next.js
 * sets it from the connection when no proxy does), else `AUTH_URL`, else `NODE_ENV`.
 *
 * @module
 */
import { cookies, headers } from "next/headers"
import { MAX_CHALLENGE_LENGTH } from "@login-with-link/core"

/** The cookie's name over plain HTTP; over HTTPS it gets the `__Host-` prefix. */
export const CHALLENGE_COOKIE = "link_signin"

/** Longer than a code lives, so an expired sign-in is reported as such instead of vanishing. */
const LINGER_SECONDS = 20 * 60

/** Whether the request came over HTTPS. */
export async function isHttpsRequest(): Promise<boolean> {
  const proto = (await headers())
    .get("x-forwarded-proto")
    ?.split(",")[0]
    ?.trim()
    .toLowerCase()
  if (proto === "https") return true
  if (proto === "http") return false
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL
  if (configured && URL.canParse(configured))
    return new URL(configured).protocol === "https:"
  return process.env.NODE_ENV === "production"
}

/** The cookie's name for this request. */
export async function challengeCookieName(): Promise<string> {
  return (await isHttpsRequest())
    ? `__Host-${CHALLENGE_COOKIE}`
    : CHALLENGE_COOKIE
}

/** What the cookie holds: a challenge, nothing (no sign-in in progress), or something too long. */
export type ChallengeCookie =
  | { status: "present"; challenge: string }
  | { status: "missing" }
  | { status: "oversized" }

/** The cookie; one longer than any sealed challenge (the core's limit) is refused unread. */
export async function readChallengeCookie(): Promise<ChallengeCookie> {
  const value = (await cookies()).get(await challengeCookieName())?.value
  if (!value) return { status: "missing" }
  if (value.length > MAX_CHALLENGE_LENGTH) return { status: "oversized" }
  return { status: "present", challenge: value }
}

export async function writeChallengeCookie(
  challenge: string,
  expiresAt: number
): Promise<void> {
  const secure = await isHttpsRequest()
  const lifetime = Math.ceil((expiresAt - Date.now()) / 1000)
  ;(await cookies()).set(await challengeCookieName(), challenge, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    // `__Host-` requires Path=/ and no Domain; the same over HTTP, so the page's path is free.
    path: "/",
    maxAge: Math.max(60, Math.min(lifetime, 3600)) + LINGER_SECONDS,
  })
}

export async function clearChallengeCookie(): Promise<void> {
  const jar = await cookies()
  const name = await challengeCookieName()
  if (!jar.has(name)) return
  // Deleted with the same attributes it was set with (a `__Host-` deletion must be Secure too).
  jar.set(name, "", {
    httpOnly: true,
    sameSite: "lax",
    secure: name.startsWith("__Host-"),
    path: "/",
    maxAge: 0,
  })
}
