/**
 * Known devices: a browser where a person signed in before keeps its own per-email budgets, so
 * that nobody can lock that person out by typing their email elsewhere. After a sign-in, the
 * adapter sets a long-lived httpOnly cookie (`knownDeviceMaxAge`, 90 days by default) holding a
 * sealed token: a hash of the email and a random device id, encrypted with `jose` (`dir` +
 * `A256GCM`, a key derived with HKDF from the secret with this module's own salt, bound to the
 * publishable key and API URL as challenges are). At the next start, a token sealed for the same
 * email moves that sign-in's per-email limits and failure lock to a key of the email and the
 * device: a stranger's tries count against the email's shared key and no longer lock out the
 * person on their own browser, while the device's own key is limited as strictly.
 *
 * A token for another email, another shop, an expired one or anything else is ignored: the start
 * counts under the email's shared key, as without a token. The token says nothing to the browser
 * (it is encrypted) and never holds the email.
 *
 * @module
 */
import { EncryptJWT, jwtDecrypt } from "jose"
import { sha256 } from "@noble/hashes/sha2"
import { hex } from "./email-digest.js"
import { hkdfKey } from "./hkdf.js"

/** The default life of a known-device token, in seconds: 90 days. */
export const DEFAULT_KNOWN_DEVICE_MAX_AGE = 90 * 86_400
/** The longest token read, in characters; anything longer is ignored. */
const MAX_TOKEN_LENGTH = 1024

const encoder = new TextEncoder()
const HKDF_SALT = encoder.encode("login-with-link/known-device/v1")
const HKDF_INFO = encoder.encode("Login with Link known device (dir A256GCM)")
const TYP = "lwl-device+jwt"
const HEADER = { alg: "dir", enc: "A256GCM", typ: TYP } as const
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/

/** The known devices of one configuration ({@link createKnownDevices}). */
export interface KnownDevices {
  /**
   * A token for a browser where the person of `email` (normalised) just signed in: `previous`'s
   * device id when it is a valid token of the same email (the cookie renewed), else a new one.
   */
  issue(email: string, previous?: unknown, now?: number): Promise<string>
  /** The device id of a valid token sealed for `email`, else `undefined` (never throws). */
  read(token: unknown, email: string, now?: number): Promise<string | undefined>
}

/** The rate-limit key of an email on one known device: 32 hex characters, as an email's. */
export function deviceEmailKey(emailKey: string, deviceId: string): string {
  return hex(
    sha256(
      encoder.encode(`login-with-link/device-key/v1\0${emailKey}\0${deviceId}`)
    ),
    16
  )
}

/**
 * What a token holds of its email: a hash, not the email's rate-limit key, which changes when the
 * secret rotates (a token must outlive that while the old secret is listed). The token is
 * encrypted, so the hash is never shown.
 */
const emailTag = (email: string) =>
  hex(sha256(encoder.encode(`login-with-link/device-email/v1\0${email}`)), 16)

function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

/**
 * The known devices of `secrets` (the first seals, every one opens) and `binding` (normally
 * `publishableKey + " " + apiUrl`); tokens live `maxAge` seconds.
 */
export function createKnownDevices(options: {
  secrets: readonly string[]
  binding: string
  maxAge: number
}): KnownDevices {
  const keys = new Map<string, Promise<CryptoKey>>()
  const keyOf = (secret: string) => {
    let key = keys.get(secret)
    if (!key) {
      key = hkdfKey(
        secret,
        { salt: HKDF_SALT, info: HKDF_INFO },
        { name: "AES-GCM", length: 256 },
        ["encrypt", "decrypt"]
      )
      keys.set(secret, key)
    }
    return key
  }
  const audience = hex(
    sha256(
      encoder.encode(`login-with-link/device-binding/v1\0${options.binding}`)
    ),
    16
  )

  async function read(
    token: unknown,
    email: string,
    now = Date.now()
  ): Promise<string | undefined> {
    if (
      typeof token !== "string" ||
      token.length === 0 ||
      token.length > MAX_TOKEN_LENGTH
    )
      return undefined
    for (const secret of options.secrets) {
      try {
        const { payload } = await jwtDecrypt(token, await keyOf(secret), {
          audience,
          currentDate: new Date(now),
          typ: TYP,
          keyManagementAlgorithms: ["dir"],
          contentEncryptionAlgorithms: ["A256GCM"],
          requiredClaims: ["exp"],
        })
        const { em, dv } = payload
        return em === emailTag(email) &&
          typeof dv === "string" &&
          DEVICE_ID.test(dv)
          ? dv
          : undefined
      } catch {
        // Sealed with another secret of the list, or not a token: try the next one.
      }
    }
    return undefined
  }

  return {
    read,
    async issue(email, previous, now = Date.now()) {
      const device = (await read(previous, email, now)) ?? newDeviceId()
      const seconds = Math.floor(now / 1000)
      return new EncryptJWT({ em: emailTag(email), dv: device })
        .setProtectedHeader(HEADER)
        .setAudience(audience)
        .setIssuedAt(seconds)
        .setExpirationTime(seconds + options.maxAge)
        .encrypt(await keyOf(options.secrets[0] as string))
    },
  }
}
