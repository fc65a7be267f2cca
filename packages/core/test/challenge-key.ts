/**
 * The challenge's key derived by hand, as the module documents it (HKDF-SHA-256 of the secret,
 * its own salt and info), for the tests that open a challenge with jose or seal one themselves;
 * and a challenge in the format before the jose one (the same key, `dir` + A256GCM, no `typ` in
 * the protected header), for the tests that a deploy asks people mid-sign-in to start over rather
 * than refusing them as tampering.
 */
import { EncryptJWT } from "jose"

/** The challenge's key for `secret` (the earlier format used the same one). */
export async function challengeKey(secret: string): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    "HKDF",
    false,
    ["deriveBits"]
  )
  return new Uint8Array(
    await crypto.subtle.deriveBits(
      {
        name: "HKDF",
        hash: "SHA-256",
        salt: new TextEncoder().encode("login-with-link/challenge/v1"),
        info: new TextEncoder().encode(
          "Login with Link sealed challenge (dir A256GCM)"
        ),
      },
      material,
      256
    )
  )
}

/** A challenge in the earlier format, issued at `now` (ms), good for 10 minutes. */
export async function sealEarlierChallenge(
  secret: string,
  claims: Record<string, unknown>,
  now = Date.now()
): Promise<string> {
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + 600)
    .encrypt(await challengeKey(secret))
}
