/**
 * The known-device cookie as `authorize()` reads it from Auth.js's request at a start: the token
 * an earlier sign-in left in this browser (`@login-with-link/core/form`'s device cookie), passed to
 * the core as the step's `knownDevice`. The core opens it and counts the email's per-email limits
 * and failure lock on the device's own key only when it is sealed for that email; nothing else of
 * the cookie is trusted, and a header the browser (or anyone) made up is read in bounded time and
 * never throws.
 *
 * @module
 */
import {
  linkDeviceCookieName,
  readLinkDeviceCookie,
} from "@login-with-link/core/form"

/** The prefixed name wins: over HTTPS only this host can have set it (a subdomain cannot). */
const NAMES = [linkDeviceCookieName(true), linkDeviceCookieName(false)]

/**
 * The most of a `Cookie` header read, in characters, and the most pairs looked at. Browsers send
 * far less (a few kilobytes); past either bound the rest is not read, and the start counts on
 * the email's shared key, as without a cookie.
 */
const MAX_HEADER = 65_536
const MAX_PAIRS = 300

/** A cookie's value as RFC 6265 writes it: unquoted, and percent-decoded where it was encoded. */
function cookieValue(raw: string): string | undefined {
  let value = raw.trim()
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
    value = value.slice(1, -1)
  if (!value.includes("%")) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

/** The first value of each known-device cookie name in a `Cookie` header. */
function deviceCookies(header: string): Map<string, string> {
  const found = new Map<string, string>()
  const text = header.length > MAX_HEADER ? header.slice(0, MAX_HEADER) : header
  let from = 0
  for (let pairs = 0; from < text.length && pairs < MAX_PAIRS; pairs++) {
    const end = text.indexOf(";", from)
    const stop = end === -1 ? text.length : end
    // Each character is looked at once: the pair alone is searched for its "=".
    const pair = text.slice(from, stop)
    const equals = pair.indexOf("=")
    if (equals !== -1) {
      const name = pair.slice(0, equals).trim()
      if (NAMES.includes(name) && !found.has(name)) {
        const value = cookieValue(pair.slice(equals + 1))
        if (value !== undefined) found.set(name, value)
      }
    }
    from = stop + 1
  }
  return found
}

/**
 * The known-device token the request's cookies carry (`__Host-link_device`, else `link_device`),
 * bounded as the core reads it, or `undefined`. Never throws.
 */
export function knownDeviceOf(request: Request): string | undefined {
  try {
    const header = request.headers.get("cookie")
    if (!header) return undefined
    const cookies = deviceCookies(header)
    return readLinkDeviceCookie((name) => cookies.get(name))
  } catch {
    // A request object that is not what Auth.js hands over: no cookie.
    return undefined
  }
}
