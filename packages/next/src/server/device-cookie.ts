/**
 * The known-device cookie, as `@login-with-link/core/form` specifies it: after a right code signs
 * the person in, the action sets a long-lived httpOnly cookie holding a token sealed for the email
 * of the challenge just verified (read out of the sealed challenge, never out of posted fields).
 * At the next start the provider's `authorize()` reads it from Auth.js's request, and a stranger's
 * wrong codes at that email no longer lock the person out of this browser. `__Host-`-prefixed and
 * `Secure` over HTTPS, decided as for the challenge cookie; it lives `knownDeviceMaxAge` seconds
 * and is renewed (same device) at every sign-in.
 *
 * @module
 */
import { cookies } from "next/headers"
import {
  linkDeviceCookieAttributes,
  linkDeviceCookieName,
  readLinkDeviceCookie,
} from "@login-with-link/core/form"
import type { ProviderReader } from "../common/challenge-reader.js"
import { isHttpsRequest } from "./challenge-cookie.js"

/** The browser's token as it is: the `__Host-` cookie if present, else the plain one. */
async function currentToken(): Promise<string | undefined> {
  const jar = await cookies()
  return readLinkDeviceCookie((name) => jar.get(name)?.value)
}

/**
 * After `challenge` signed its person in: set (or renew) the browser's known-device cookie for the
 * challenge's email. Nothing is set when known devices are off (`knownDeviceMaxAge: 0`).
 */
export async function rememberDevice(
  reader: ProviderReader,
  challenge: string
): Promise<void> {
  // The challenge was open a moment ago and is spent now: its expiry no longer matters.
  const { email } = await reader.read(challenge, { allowExpired: true })
  const token = await reader.knownDevice(email, await currentToken())
  if (!token) return
  const secure = await isHttpsRequest()
  ;(await cookies()).set(
    linkDeviceCookieName(secure),
    token,
    linkDeviceCookieAttributes(secure, reader.knownDeviceMaxAge)
  )
}
