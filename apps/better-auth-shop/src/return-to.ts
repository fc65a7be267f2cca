/**
 * Where to go after sign-in: `return_to` through the project's one same-origin path check.
 * @module
 */
import { safeCallbackUrl } from "./link-shared.js"

/** Paths under which nothing is worth returning to: the sign-in steps and Better Auth's API. */
const NOT_A_DESTINATION = ["/login", "/api/auth"]

/** A same-origin path to return to after sign-in; never the sign-in pages or the auth API. */
export function safeReturnTo(value: unknown): string {
  const path = safeCallbackUrl(value, { fallback: "/account" })
  const pathname = path.split(/[?#]/, 1)[0]!
  return NOT_A_DESTINATION.some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`)
  )
    ? "/account"
    : path
}
