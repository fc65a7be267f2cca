import { EncryptJWT, jwtDecrypt } from "jose"
import { challengeKey, sealEarlierChallenge } from "./challenge-key.js"
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  createChallengeSealer,
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
      typ: "lwl-challenge+jwt",
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
    const key = await challengeKey(TEST_SECRET)
    const good = await sealChallenge(payload, options)
    const { payload: claims } = await jwtDecrypt(good, key, {
      currentDate: new Date(NOW),
    })
    const reseal = (extra: Record<string, unknown>) =>
      new EncryptJWT({ ...claims, ...extra })
        .setProtectedHeader({
          alg: "dir",
          enc: "A256GCM",
          typ: "lwl-challenge+jwt",
        })
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

  it("never seals two challenges with the same IV", async () => {
    const ivs = new Set<string>()
    for (let i = 0; i < 600; i++) {
      ivs.add((await sealChallenge(payload, options)).split(".")[2]!)
    }
    expect(ivs.size).toBe(600)
  })

  it("is an ordinary JWE: jose opens it and checks its JWT claims", async () => {
    const key = await challengeKey(TEST_SECRET)
    const sealed = await sealChallenge(payload, options)
    const { payload: claims, protectedHeader } = await jwtDecrypt(sealed, key, {
      currentDate: new Date(NOW),
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    })
    expect(protectedHeader).toEqual({
      alg: "dir",
      enc: "A256GCM",
      typ: "lwl-challenge+jwt",
    })
    expect(claims).toMatchObject({
      em: "jo@example.com",
      iat: Math.floor(NOW / 1000),
      exp: Math.floor(payload.expiresAt / 1000),
    })
    expect(typeof claims.aud).toBe("string")
    await expect(
      jwtDecrypt(sealed, key, { currentDate: new Date(payload.expiresAt) })
    ).rejects.toThrow(/exp/)
  })

  it("a sealer derives its key once; sealChallenge alone keeps nothing between calls", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveKey")
    const secret = "a-secret-used-only-by-this-test-0123"
    const sealer = createChallengeSealer({ secret, binding })
    for (let i = 0; i < 5; i++) {
      await sealer.open(await sealer.seal(payload, NOW), NOW)
    }
    expect(derive).toHaveBeenCalledTimes(1)
    derive.mockClear()
    for (let i = 0; i < 3; i++) {
      await unsealChallenge(
        await sealChallenge(payload, { ...options, secret }),
        {
          ...options,
          secret,
        }
      )
    }
    // No module-level cache of keys by secret: each call derives its own.
    expect(derive).toHaveBeenCalledTimes(6)
  })

  it("gives every challenge one length: decoy or real, short or long email and secret (issue 16, item 6)", async () => {
    const { clientSecret: _, ...bare } = payload
    const variants: ChallengePayload[] = [
      payload,
      { ...bare, clientSecret: "x".repeat(32), decoy: true },
      { ...bare, clientSecret: "y".repeat(180) },
      { ...payload, email: `${"a".repeat(64)}@${"b".repeat(60)}.example.com` },
      { ...payload, emailKey: "0123456789abcdef0123456789abcdef" },
      { ...payload, humanChecked: true, redactedPhone: "+1********90" },
    ]
    const lengths = new Set<number>()
    for (const variant of variants) {
      const sealed = await sealChallenge(variant, options)
      expect(await unsealChallenge(sealed, options)).toEqual(variant)
      lengths.add(sealed.length)
    }
    expect([...lengths]).toHaveLength(1)
  })

  it("refuses a challenge sealed in the earlier format as expired, so the person starts over (issue 17)", async () => {
    // The earlier format: the same key and claims, with no typ in the header.
    const earlier = await sealEarlierChallenge(
      TEST_SECRET,
      {
        em: "jo@example.com",
        cs: "cs_test_secret_value",
        ph: "+3*********90",
        rs: NOW + 30_000,
        d: 0,
      },
      NOW
    )
    expect(await refusal(earlier)).toBe("LWL_CHALLENGE_EXPIRED")
    // Any other header is not ours: invalid.
    const other = await new EncryptJWT({ em: "jo@example.com" })
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", typ: "JWT" })
      .encrypt(await challengeKey(TEST_SECRET))
    expect(await refusal(other)).toBe("LWL_CHALLENGE_INVALID")
  })
})
