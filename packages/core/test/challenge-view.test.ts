import { describe, expect, test } from "vitest"
import {
  ChallengeError,
  readChallengeView,
  resolveOptions,
  sealChallenge,
} from "../src/index.js"

const options = resolveOptions({
  publishableKey: "pk_test_view",
  secret: "a-secret-of-at-least-sixteen",
  apiUrl: "http://127.0.0.1:9/api",
  rateLimit: false,
})
const binding = `${options.publishableKey} ${options.apiUrl}`

const seal = (expiresAt: number, binding_ = binding) =>
  sealChallenge(
    {
      email: "jo@example.com",
      clientSecret: "cs_secret_value",
      redactedPhone: "+3*********90",
      expiresAt,
      resendAt: expiresAt - 570_000,
    },
    { secret: options.secrets, binding: binding_ }
  )

describe("readChallengeView", () => {
  test("shows the email, phone and times, never the client secret", async () => {
    const expiresAt = Math.floor(Date.now() / 1000) * 1000 + 600_000
    const view = await readChallengeView(await seal(expiresAt), options)
    expect(view).toEqual({
      email: "jo@example.com",
      redactedPhone: "+3*********90",
      expiresAt,
      resendAt: expiresAt - 570_000,
    })
    expect(JSON.stringify(view)).not.toContain("cs_secret_value")
  })

  test("an expired challenge is refused, unless allowExpired", async () => {
    const expired = await seal(Math.floor(Date.now() / 1000) * 1000 - 60_000)
    await expect(readChallengeView(expired, options)).rejects.toMatchObject({
      code: "LWL_CHALLENGE_EXPIRED",
    })
    const view = await readChallengeView(expired, options, {
      allowExpired: true,
    })
    expect(view.email).toBe("jo@example.com")
  })

  test("allowExpired never skips the binding or the integrity", async () => {
    const foreign = await seal(Date.now() + 600_000, "pk_test_other x")
    await expect(
      readChallengeView(foreign, options, { allowExpired: true })
    ).rejects.toBeInstanceOf(ChallengeError)
    const good = await seal(Date.now() + 600_000)
    const tampered =
      good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA")
    await expect(
      readChallengeView(tampered, options, { allowExpired: true })
    ).rejects.toBeInstanceOf(ChallengeError)
    await expect(readChallengeView(undefined, options)).rejects.toBeInstanceOf(
      ChallengeError
    )
  })

  test("the keys follow the options: another secret on the same object is used at once", async () => {
    const expiresAt = Date.now() + 600_000
    const view = { ...options }
    const first = await seal(expiresAt)
    expect((await readChallengeView(first, view)).email).toBe("jo@example.com")
    view.secrets = ["another-secret-of-sixteen-or-more"]
    await expect(readChallengeView(first, view)).rejects.toMatchObject({
      code: "LWL_CHALLENGE_INVALID",
    })
    const second = await sealChallenge(
      {
        email: "al@example.com",
        clientSecret: "cs_other",
        redactedPhone: "+1********12",
        expiresAt,
        resendAt: expiresAt - 570_000,
      },
      { secret: view.secrets, binding }
    )
    expect((await readChallengeView(second, view)).email).toBe("al@example.com")
    view.apiUrl = "http://127.0.0.1:9/other"
    await expect(readChallengeView(second, view)).rejects.toMatchObject({
      code: "LWL_CHALLENGE_FOREIGN",
    })
  })
})
