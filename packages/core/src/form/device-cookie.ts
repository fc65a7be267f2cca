/**
 * The cookie a driver keeps the known-device token in (`known-device.ts` of the core): set after a
 * sign-in with the token of `LinkSignIn.knownDevice`, read at the next start and passed as the
 * step's `knownDevice`. httpOnly, `SameSite=Lax`, `Path=/`; over HTTPS `__Host-`-prefixed and
 * `Secure`, over plain HTTP (development) neither. It lives as long as the token
 * (`knownDeviceMaxAge`).
 *
 * @module
 */
import type { LinkChallengeCookieAttributes } from "./challenge-cookie.js"

/** The cookie's name over plain HTTP; over HTTPS it gets the `__Host-` prefix. */
export const LINK_DEVICE_COOKIE = "link_device"

/** The longest value read: a token is well under this; anything longer is not passed on. */
const MAX_DEVICE_COOKIE = 1024

/** The cookie's name, over HTTPS or not. */
export function linkDeviceCookieName(secure: boolean): string {
  return secure ? `__Host-${LINK_DEVICE_COOKIE}` : LINK_DEVICE_COOKIE
}

/** The attributes to set it with, for a token that lives `maxAge` seconds. */
export function linkDeviceCookieAttributes(
  secure: boolean,
  maxAge: number
): LinkChallengeCookieAttributes {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge }
}

const withinBounds = (value: unknown): string | undefined =>
  typeof value === "string" &&
  value.length > 0 &&
  value.length <= MAX_DEVICE_COOKIE
    ? value
    : undefined

/**
 * The request's token as a step's `knownDevice`, through the framework's cookie getter: the
 * `__Host-` cookie when it holds a value within bounds (over HTTPS only this host can have set
 * it), else the plain one, else none.
 *
 * @example
 * ```ts
 * const knownDevice = readLinkDeviceCookie((name) => cookies.get(name)?.value)
 * ```
 */
export function readLinkDeviceCookie(
  get: (name: string) => unknown
): string | undefined {
  return (
    withinBounds(get(linkDeviceCookieName(true))) ??
    withinBounds(get(linkDeviceCookieName(false)))
  )
}
