import { afterEach, describe, expect, it, vi } from "vitest"
import { sealChallenge, unsealChallenge } from "../src/challenge.js"
import { ChallengeError } from "../src/errors.js"
import { createRecentChallenges } from "../src/recent-challenges.js"
import { createLinkSignIn } from "../src/sign-in.js"
import {
  rejection,
  simulator,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const payload = {
  email: "jo@example.com",
  clientSecret: "cs_test_secret",
  redactedPhone: "+3*********90",
  expiresAt: NOW + 600_000,
  resendAt: NOW + 30_000,
  emailKey: "0123456789abcdef0123456789abcdef",
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe("createRecentChallenges", () => {
  it("gives back exactly what unsealing would, for the exact string only", async () => {
    const options = {
      secret: TEST_SECRET,
      binding: "pk_test_x https://link.test/api",
      now: NOW,
    }
    const challenge = await sealChallenge(payload, options)
    const recent = createRecentChallenges()
    recent.remember(challenge, payload)
    expect(recent.recall(challenge, NOW)).toEqual(
      await unsealChallenge(challenge, options)
    )
    expect(recent.recall(challenge.slice(0, -1), NOW)).toBeUndefined()
    expect(recent.recall(`${challenge}A`, NOW)).toBeUndefined()
    expect(recent.recall(undefined, NOW)).toBeUndefined()
    // A copy: what a step does with it does not change what is remembered.
    recent.recall(challenge, NOW)!.email = "someone@else.example"
    expect(recent.recall(challenge, NOW)?.email).toBe("jo@example.com")
  })

  it("refuses an expired one as unsealing does (from the second of exp), and forgets it", () => {
    const recent = createRecentChallenges()
    recent.remember("c", payload)
    expect(recent.recall("c", payload.expiresAt - 1)).toBeDefined()
    let error: unknown
    try {
      recent.recall("c", payload.expiresAt)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ChallengeError)
    expect((error as ChallengeError).code).toBe("LWL_CHALLENGE_EXPIRED")
    expect(recent.recall("c", NOW)).toBeUndefined()
  })

  it("holds at most max, forgetting the oldest first", () => {
    const recent = createRecentChallenges(3)
    for (const c of ["a", "b", "c", "d"]) recent.remember(c, payload)
    expect(recent.recall("a", NOW)).toBeUndefined()
    expect(recent.recall("d", NOW)).toBeDefined()
    expect(recent.recall("b", NOW)).toBeDefined()
  })
})

describe("the finish step and the challenges sealed here", () => {
  const options = (env: ReturnType<typeof simulator>) => ({
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: env.fetch,
    rateLimit: false as const,
  })

  it("does not decrypt a challenge this instance sealed; another instance decrypts it", async () => {
    const env = simulator()
    const one = createLinkSignIn(options(env))
    const two = createLinkSignIn(options(env))
    const sent = await one.start("jo@example.com")
    if (sent.status !== "code_sent") throw new Error(sent.status)
    const decrypt = vi.spyOn(crypto.subtle, "decrypt")
    const code = env.sim.state.outbox.latestCode("jo@example.com")!
    const wrong = code === "111111" ? "222222" : "111111"
    await rejection(one.finish(sent.challenge, wrong))
    expect(decrypt).not.toHaveBeenCalled()
    await rejection(two.finish(sent.challenge, wrong))
    expect(decrypt).toHaveBeenCalledTimes(1)
    expect((await one.finish(sent.challenge, code)).email).toBe(
      "jo@example.com"
    )
  })

  it("an expired challenge it sealed is challenge_expired, as from another instance", async () => {
    const env = simulator()
    const link = createLinkSignIn({ ...options(env), challengeMaxAge: 60 })
    const sent = await link.start("jo@example.com")
    if (sent.status !== "code_sent") throw new Error(sent.status)
    vi.spyOn(Date, "now").mockReturnValue(sent.expiresAt + 1000)
    expect(
      await rejection(link.finish(sent.challenge, "123456"))
    ).toMatchObject({ code: "challenge_expired" })
  })
})
