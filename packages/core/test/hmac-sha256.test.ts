import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { createEmailDigest } from "../src/email-digest.js"
import { createHmacSha256, sha256 } from "../src/hmac-sha256.js"

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

async function webHmac(
  key: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>
) {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    key,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"]
  )
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message))
}

describe("sha256 / createHmacSha256", () => {
  it("match the FIPS 180-4 and RFC 4231 test vectors", () => {
    const text = (s: string) => new TextEncoder().encode(s)
    expect(hex(sha256(text("")))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    expect(hex(sha256(text("abc")))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    expect(
      hex(
        sha256(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
      )
    ).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // RFC 4231 test case 2.
    expect(
      hex(createHmacSha256(text("Jefe"))(text("what do ya want for nothing?")))
    ).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    // RFC 4231 test case 6: a key longer than a block is hashed first.
    expect(
      hex(
        createHmacSha256(new Uint8Array(131).fill(0xaa))(
          text("Test Using Larger Than Block-Size Key - Hash Key First")
        )
      )
    ).toBe("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
  })

  it("agree with WebCrypto for any key and message (lengths around the block edges)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 150 }),
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        async (key, message) => {
          const expected = await webHmac(
            key.length ? key : new Uint8Array(1),
            message
          )
          const actual = createHmacSha256(key.length ? key : new Uint8Array(1))(
            message
          )
          expect(hex(actual)).toBe(hex(expected))
        }
      ),
      { numRuns: 300 }
    )
  })

  it("the email digest is WebCrypto's HMAC under the HKDF-derived key (limiter keys did not change)", async () => {
    const secret = "test-secret-0123456789-abcdefghijklmnop"
    const binding = "pk_test_x https://link.test/api"
    const material = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      "HKDF",
      false,
      ["deriveKey"]
    )
    const key = await crypto.subtle.deriveKey(
      {
        name: "HKDF",
        hash: "SHA-256",
        salt: new TextEncoder().encode("login-with-link/email-hmac/v1"),
        info: new TextEncoder().encode(binding),
      },
      material,
      { name: "HMAC", hash: "SHA-256", length: 256 },
      false,
      ["sign"]
    )
    const expected = new Uint8Array(
      await crypto.subtle.sign(
        "HMAC",
        key,
        new TextEncoder().encode("rate-limit\0jo@example.com")
      )
    )
    const digest = createEmailDigest(secret, binding)
    expect(hex(await digest.mac("rate-limit", "jo@example.com"))).toBe(
      hex(expected)
    )
    expect(await digest.limiterKey("jo@example.com")).toBe(
      hex(expected.subarray(0, 16))
    )
  })
})
