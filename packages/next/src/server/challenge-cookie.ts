/**
 * The sign-in in progress, between the email and code steps: the sealed challenge alone, in one
 * httpOnly cookie set by the server action, as `@login-with-link/core/form` specifies it
 * (`__Host-`-prefixed and `Secure` over HTTPS; neither over plain HTTP, or the browser would refuse
 * it). HTTPS is decided by the request, as Auth.js decides for its own cookies: the proxy's
 * `X-Forwarded-Proto` (Next.js sets it from the connection when no proxy does), else `AUTH_URL`,
 * else `NODE_ENV`.
 *
 * @module
 */
import { cookies, headers } from "next/headers"
import {
  isHttpsRequest as isHttps,
  LINK_CHALLENGE_COOKIE,
  linkChallengeCookieAttributes,
  linkChallengeCookieName,
} from "@login-with-link/core/form"

/** The cookie's name over plain HTTP; over HTTPS it gets the `__Host-` prefix. */
export const CHALLENGE_COOKIE = LINK_CHALLENGE_COOKIE

/** Whether the request came over HTTPS. */
export async function isHttpsRequest(): Promise<boolean> {
  return isHttps(
    (await headers()).get("x-forwarded-proto"),
    process.env.AUTH_URL ?? process.env.NEXTAUTH_URL,
    process.env.NODE_ENV === "production"
  )
}

/** The cookie's value (the pending store refuses one longer than any sealed challenge). */
export async function readChallengeCookie(): Promise<string | undefined> {
  const name = linkChallengeCookieName(await isHttpsRequest())
  return (await cookies()).get(name)?.value
}

export async function writeChallengeCookie(
  challenge: string,
  expiresAt: number
): Promise<void> {
  const secure = await isHttpsRequest()
  ;(await cookies()).set(
    linkChallengeCookieName(secure),
    challenge,
    linkChallengeCookieAttributes(secure, expiresAt)
  )
}

export async function clearChallengeCookie(): Promise<void> {
  const jar = await cookies()
  const secure = await isHttpsRequest()
  const name = linkChallengeCookieName(secure)
  if (!jar.has(name)) return
  // Deleted with the same attributes it was set with (a `__Host-` deletion must be Secure too).
  jar.set(name, "", linkChallengeCookieAttributes(secure, 0))
}
