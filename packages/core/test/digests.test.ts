/**
 * The once-store keys and the email digests are computed with `@noble/hashes` (synchronous), and
 * must stay the values WebCrypto gives: counters and spent sessions already in a shop's Redis keep
 * their keys across the upgrade, and the limits count an email under the same key as before.
 */
import { describe, expect, it } from "vitest"
import { createEmailDigest, hex, LIMITER_KEY } from "../src/email-digest.js"
import { onceKey } from "../src/once-store.js"

const encoder = new TextEncoder()

/** The email digest as WebCrypto computes it (HKDF to an HMAC CryptoKey, then sign). */
async function webCryptoDigest(
  secret: string,
  binding: string,
  email: string
): Promise<string> {
  const material = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    "HKDF",
    false,
    ["deriveKey"]
  )
  const key = await crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("login-with-link/email-hmac/v1"),
      info: encoder.encode(binding),
    },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign"]
  )
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    encoder.encode(`rate-limit\0${email}`)
  )
  return hex(mac, 16)
}

describe("the email digest", () => {
  it("is WebCrypto's HMAC-SHA-256 under the HKDF-derived key, for every email and binding", async () => {
    const cases = [
      [
        "a-long-random-secret-of-the-shop",
        "pk_test_1 https://api.link.com",
        "jo@example.com",
      ],
      [
        "a-long-random-secret-of-the-shop",
        "pk_test_2 https://api.link.com",
        "jo@example.com",
      ],
      ["another-secret", "pk_live_x http://127.0.0.1:4010", "zoë@exämple.org"],
    ] as const
    const seen = new Set<string>()
    for (const [secret, binding, email] of cases) {
      const key = await createEmailDigest(secret, binding).limiterKey(email)
      expect(key).toMatch(LIMITER_KEY)
      expect(key).toBe(await webCryptoDigest(secret, binding, email))
      seen.add(key)
    }
    // Another binding or secret gives another key for the same email.
    expect(seen.size).toBe(cases.length)
  })

  it("gives the same key on every call, and calls in parallel agree", async () => {
    const digest = createEmailDigest("s3cret-s3cret-s3cret", "pk_test_1 u")
    const keys = await Promise.all(
      ["a@b.co", "a@b.co", "c@d.co", "a@b.co"].map((e) => digest.limiterKey(e))
    )
    expect(keys[0]).toBe(keys[1])
    expect(keys[0]).toBe(keys[3])
    expect(keys[2]).not.toBe(keys[0])
  })
})

describe("once-store keys", () => {
  it("are the first 16 bytes of WebCrypto's SHA-256 of the kind and value, in hex", async () => {
    const value = "vs_secret_" + "x".repeat(40)
    for (const kind of [
      "spent",
      "sent",
      "wrong-codes",
      "failures-reset",
      "failures",
    ] as const) {
      const digest = await crypto.subtle.digest(
        "SHA-256",
        encoder.encode(`login-with-link/once/${kind}\0${value}`)
      )
      expect(onceKey(kind, value)).toBe(`link:${kind}:${hex(digest, 16)}`)
    }
    expect(onceKey("spent", value)).not.toContain(value)
    expect(onceKey("spent", value)).not.toBe(onceKey("spent", `${value}y`))
  })
})
