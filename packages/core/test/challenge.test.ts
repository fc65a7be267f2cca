import { EncryptJWT, jwtDecrypt } from "jose"
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  sealChallenge,
  unsealChallenge,
  type ChallengePayload,
} from "../src/challenge.js"
import { ChallengeError } from "../src/errors.js"
import { rejection, TEST_SECRET } from "@login-with-link/test-helpers/link"

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const binding = "pk_test_provider123 https://link.test/api"
const options = { secret: TEST_SECRET, binding, now: NOW }
const payload: ChallengePayload = {
  email: "jo@example.com",
  clientSecret: "cs_test_secret_value",
  redactedPhone: "+3*********90",
  expiresAt: NOW + 600_000,
  resendAt: NOW + 30_000,
}

async function refusal(challenge: unknown, opts = options) {
  const error = await rejection(unsealChallenge(challenge, opts))
  expect(error).toBeInstanceOf(ChallengeError)
  return (error as ChallengeError).code
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe("sealChallenge / unsealChallenge", () => {
  it("round-trips the payload", async () => {
    const sealed = await sealChallenge(payload, options)
    expect(await unsealChallenge(sealed, options)).toEqual(payload)
  })

  it("carries the email's rate-limit key, and refuses one of another shape", async () => {
    const withKey = { ...payload, emailKey: "0123456789abcdef0123456789abcdef" }
    const sealed = await sealChallenge(withKey, options)
    expect(await unsealChallenge(sealed, options)).toEqual(withKey)
    const odd = await sealChallenge(
      { ...payload, emailKey: "jo@example.com" },
      options
    )
    expect(await refusal(odd)).toBe("LWL_CHALLENGE_INVALID")
  })

  it("keeps the client secret and email out of the sealed text", async () => {
    const sealed = await sealChallenge(payload, options)
    expect(sealed).not.toContain("cs_test_secret_value")
    const decoded = sealed
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString("latin1"))
      .join(" ")
    expect(decoded).not.toContain("cs_test_secret_value")
    expect(decoded).not.toContain("jo@example.com")
    expect(
      JSON.parse(Buffer.from(sealed.split(".")[0]!, "base64url").toString())
    ).toEqual({
      alg: "dir",
      enc: "A256GCM",
    })
  })

  it("round-trips a decoy, which has no client secret", async () => {
    const { clientSecret: _, ...rest } = payload
    const decoy = { ...rest, decoy: true }
    expect(
      await unsealChallenge(await sealChallenge(decoy, options), options)
    ).toEqual(decoy)
  })

  it("refuses a challenge with one character changed anywhere", async () => {
    const sealed = await sealChallenge(payload, options)
    const parts = sealed.split(".")
    for (const index of [0, 2, 3, 4]) {
      const part = parts[index]!
      const flipped = part[5] === "A" ? "B" : "A"
      const tampered = [...parts]
      tampered[index] = part.slice(0, 5) + flipped + part.slice(6)
      expect(await refusal(tampered.join("."))).toBe("LWL_CHALLENGE_INVALID")
    }
  })

  it("refuses a challenge whose last character is changed (unused base64url bits)", async () => {
    const sealed = await sealChallenge(payload, options)
    const last = sealed.at(-1)!
    for (const other of ["A", "B", "C", "D", "E"].filter((c) => c !== last)) {
      expect(await refusal(sealed.slice(0, -1) + other)).toBe(
        "LWL_CHALLENGE_INVALID"
      )
    }
  })

  it("refuses a truncated challenge", async () => {
    const sealed = await sealChallenge(payload, options)
    expect(await refusal(sealed.slice(0, -3))).toBe("LWL_CHALLENGE_INVALID")
    expect(await refusal(sealed.slice(0, sealed.lastIndexOf(".")))).toBe(
      "LWL_CHALLENGE_INVALID"
    )
  })

  it("refuses an expired challenge", async () => {
    const sealed = await sealChallenge(payload, options)
    const later = { ...options, now: payload.expiresAt + 1000 }
    expect(await refusal(sealed, later)).toBe("LWL_CHALLENGE_EXPIRED")
  })

  it("refuses a challenge sealed for another publishable key or API URL", async () => {
    const sealed = await sealChallenge(payload, options)
    expect(
      await refusal(sealed, {
        ...options,
        binding: "pk_test_other https://link.test/api",
      })
    ).toBe("LWL_CHALLENGE_FOREIGN")
    expect(
      await refusal(sealed, {
        ...options,
        binding: "pk_test_provider123 https://other.test/api",
      })
    ).toBe("LWL_CHALLENGE_FOREIGN")
  })

  it("refuses a challenge sealed with another secret", async () => {
    const sealed = await sealChallenge(payload, {
      ...options,
      secret: "another-secret-0123456789-xyz",
    })
    expect(await refusal(sealed)).toBe("LWL_CHALLENGE_INVALID")
  })

  it("refuses garbage and non-strings", async () => {
    for (const garbage of [
      "",
      "garbage",
      "a.b.c.d.e",
      "....",
      "🙂",
      "x".repeat(100),
    ]) {
      expect(await refusal(garbage)).toBe("LWL_CHALLENGE_INVALID")
    }
    for (const value of [undefined, null, 42, {}, ["a"]]) {
      expect(await refusal(value)).toBe("LWL_CHALLENGE_INVALID")
    }
  })

  it("refuses a challenge over 4 KB before trying to decrypt it", async () => {
    const subtle = vi.spyOn(crypto.subtle, "decrypt")
    expect(await refusal("a".repeat(4097))).toBe("LWL_CHALLENGE_TOO_LARGE")
    expect(subtle).not.toHaveBeenCalled()
  })

  it("refuses a JWE under the right key whose claims are not a challenge", async () => {
    // Derive the key as the module documents it (HKDF-SHA-256, its own salt and info).
    const material = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(TEST_SECRET),
      "HKDF",
      false,
      ["deriveBits"]
    )
    const key = new Uint8Array(
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
    const good = await sealChallenge(payload, options)
    const { payload: claims } = await jwtDecrypt(good, key, {
      currentDate: new Date(NOW),
    })
    const reseal = (extra: Record<string, unknown>) =>
      new EncryptJWT({ ...claims, ...extra })
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .encrypt(key)
    // The same claims re-sealed by hand are accepted: the key derivation above is the real one.
    expect((await unsealChallenge(await reseal({}), options)).email).toBe(
      "jo@example.com"
    )
    expect(await refusal(await reseal({ em: 42 }))).toBe(
      "LWL_CHALLENGE_INVALID"
    )
    expect(await refusal(await reseal({ rs: "soon" }))).toBe(
      "LWL_CHALLENGE_INVALID"
    )
  })

  it("with a list of secrets, seals with the first and unseals with any", async () => {
    const oldSecret = "old-secret-0123456789-abcdefghij"
    const newSecret = "new-secret-0123456789-abcdefghij"
    const sealedWithOld = await sealChallenge(payload, {
      ...options,
      secret: oldSecret,
    })
    const rotated = { ...options, secret: [newSecret, oldSecret] }
    expect(await unsealChallenge(sealedWithOld, rotated)).toEqual(payload)
    const sealedAfter = await sealChallenge(payload, rotated)
    expect(
      await unsealChallenge(sealedAfter, { ...options, secret: newSecret })
    ).toEqual(payload)
    expect(await refusal(sealedAfter, { ...options, secret: oldSecret })).toBe(
      "LWL_CHALLENGE_INVALID"
    )
  })

  it("derives the key once per secret, not per call", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveBits")
    const secret = "a-secret-used-only-by-this-test-0123"
    for (let i = 0; i < 5; i++) {
      const sealed = await sealChallenge(payload, { ...options, secret })
      await unsealChallenge(sealed, { ...options, secret })
    }
    expect(derive).toHaveBeenCalledTimes(1)
  })
})
