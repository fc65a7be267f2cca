/**
 * The budgets and locks of security issue 16, each against the in-process simulator: separate
 * budgets with and without a client IP (item 2), decoys on their own budget (item 2), a total on
 * code checks and a per-email lock after consecutive wrong codes (item 3), the resend cooldown per
 * session for real and decoy alike (item 5), a cold instance's decoys (item 6), and the human check
 * past the per-email limits (item 9).
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  codeSent,
  failure,
  settle,
  simulatedSteps,
  untilATimer,
} from "./steps.js"
import { LinkSignInError } from "../src/errors.js"
import type { LoginWithLinkOptions, VerifyHuman } from "../src/options.js"
import { MemoryOnceStore } from "../src/once-store.js"
import { DEFAULT_RATE_LIMITS, MemoryRateLimiter } from "../src/rate-limit.js"
import {
  CONCEAL_SECRET,
  freshSimulator,
} from "@login-with-link/test-helpers/link"

const env = freshSimulator()

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const IP = "203.0.113.7"
const KNOWN = "jo@example.com"
const OTHER_KNOWN = "sam@example.com"
const UNKNOWN = "bob@example.com"

function steps(options: LoginWithLinkOptions = {}) {
  return simulatedSteps(env, {
    rateLimit: new MemoryRateLimiter(),
    ...options,
  })
}

function concealing(options: LoginWithLinkOptions = {}) {
  return steps({
    unknownEmail: "conceal",
    concealSecret: CONCEAL_SECRET,
    concealMinDuration: 0,
    concealLinkLatency: 0,
    ...options,
  })
}

const code = async (promise: Promise<unknown>) => (await failure(promise)).code

const latestCode = (email = KNOWN) => env.sim.state.outbox.latestCode(email)!
const wrongCode = (email = KNOWN) =>
  latestCode(email) === "111111" ? "222222" : "111111"

describe("budgets with and without a client IP (issue 16, item 2)", () => {
  it("an IP-less flood of lookups uses up the IP-less budget only: a client with an IP still signs in", async () => {
    const link = steps({
      rateLimits: { lookupTotalNoIp: { points: 3, windowMs: 60_000 } },
    })
    for (let i = 0; i < 3; i++) {
      expect((await link.start(`junk${i}@example.com`)).status).toBe(
        "signup_required"
      )
    }
    expect(await code(link.start("junk9@example.com"))).toBe("rate_limited")
    expect(await code(link.start(KNOWN))).toBe("rate_limited")
    await codeSent(link.start(KNOWN, { ip: IP }))
  })

  it("an IP-less flood of sends and code checks cannot block identified clients either", async () => {
    const link = steps({
      rateLimits: {
        sendTotalNoIp: { points: 1, windowMs: 60_000 },
        attemptTotalNoIp: { points: 1, windowMs: 60_000 },
      },
    })
    const first = await codeSent(link.start(KNOWN))
    expect(await code(link.start(OTHER_KNOWN))).toBe("rate_limited")
    const identified = await codeSent(link.start(OTHER_KNOWN, { ip: IP }))
    expect(await code(link.finish(first.challenge, wrongCode()))).toBe(
      "invalid_code"
    )
    expect(await code(link.finish(first.challenge, latestCode()))).toBe(
      "rate_limited"
    )
    const user = await link.finish(
      identified.challenge,
      latestCode(OTHER_KNOWN),
      { ip: IP }
    )
    expect(user.email).toBe(OTHER_KNOWN)
  })

  it("in conceal mode, decoys draw on decoyTotal, not the real send budget", async () => {
    const link = concealing({
      rateLimits: {
        sendTotalNoIp: { points: 2, windowMs: 60_000 },
        decoyTotal: { points: 5, windowMs: 60_000 },
      },
    })
    for (let i = 0; i < 5; i++) {
      await codeSent(link.start(`nobody${i}@example.com`))
    }
    // Five decoys sent no SMS and left the real budget whole.
    expect(env.sim.state.outbox.list(KNOWN)).toHaveLength(0)
    await codeSent(link.start(KNOWN))
    await codeSent(link.start(OTHER_KNOWN))
    // Each budget ends on its own: the sixth decoy, the third real send.
    expect(await code(link.start("nobody9@example.com"))).toBe("rate_limited")
    expect(await code(link.start("alex@example.com"))).toBe("rate_limited")
  })
})

describe("code checks in total, and the per-email lock (issue 16, item 3)", () => {
  it("by default at most 200 code checks reach Link a minute, with and without a client IP together", () => {
    const { attemptTotal, attemptTotalNoIp } = DEFAULT_RATE_LIMITS
    expect(attemptTotal.windowMs).toBe(60_000)
    expect(attemptTotalNoIp.windowMs).toBe(60_000)
    expect(attemptTotal.points + attemptTotalNoIp.points).toBeLessThanOrEqual(
      200
    )
  })

  it("attemptTotal stops code checks across emails before they reach Link", async () => {
    const link = steps({
      rateLimits: { attemptTotal: { points: 2, windowMs: 60_000 } },
    })
    const a = await codeSent(link.start(KNOWN, { ip: IP }))
    const b = await codeSent(link.start(OTHER_KNOWN, { ip: "198.51.100.1" }))
    const ctx = (ip: string) => ({ ip })
    expect(await code(link.finish(a.challenge, wrongCode(), ctx(IP)))).toBe(
      "invalid_code"
    )
    expect(
      await code(
        link.finish(b.challenge, wrongCode(OTHER_KNOWN), ctx("198.51.100.1"))
      )
    ).toBe("invalid_code")
    const checks = env.sim.state.stats.calls.authenticate
    const limited = await failure(
      link.finish(a.challenge, latestCode(), ctx("192.0.2.9"))
    )
    expect(limited.code).toBe("rate_limited")
    expect(limited.retryAfter).toBeGreaterThan(0)
    expect(env.sim.state.stats.calls.authenticate).toBe(checks)
  })

  it("locks an email after N wrong codes across challenges, for hours, before any Link call", async () => {
    let now = Date.now()
    const limiter = new MemoryRateLimiter({ now: () => now })
    const link = steps({
      rateLimit: limiter,
      resendCooldown: 0,
      rateLimits: { failuresPerEmail: { points: 3, windowMs: 6 * 3_600_000 } },
    })
    const first = await codeSent(link.start(KNOWN))
    for (let i = 0; i < 2; i++) {
      expect(await code(link.finish(first.challenge, wrongCode()))).toBe(
        "invalid_code"
      )
    }
    // A new challenge does not start the count again.
    const second = await codeSent(link.start(KNOWN))
    expect(await code(link.finish(second.challenge, wrongCode()))).toBe(
      "invalid_code"
    )
    const checks = env.sim.state.stats.calls.authenticate
    const sends = env.sim.state.outbox.list(KNOWN).length
    // Even the right code is refused now, and no new code is sent.
    const locked = await failure(link.finish(second.challenge, latestCode()))
    expect(locked.code).toBe("too_many_attempts")
    expect(locked.retryAfter).toBe(6 * 3600)
    expect(await code(link.start(KNOWN))).toBe("too_many_attempts")
    expect(await code(link.resend(second.challenge))).toBe("too_many_attempts")
    expect(env.sim.state.stats.calls.authenticate).toBe(checks)
    expect(env.sim.state.outbox.list(KNOWN)).toHaveLength(sends)
    // Another email is not locked.
    await codeSent(link.start(OTHER_KNOWN))
    // Six hours after the first wrong code, the lock is over.
    now += 6 * 3_600_000
    env.sim.state.clock.advance(6 * 3_600_000)
    const later = await codeSent(link.start(KNOWN))
    expect((await link.finish(later.challenge, latestCode())).email).toBe(KNOWN)
  })

  it("a sign-in clears the count: only consecutive wrong codes lock", async () => {
    const link = steps({
      rateLimits: { failuresPerEmail: { points: 3, windowMs: 3_600_000 } },
    })
    const first = await codeSent(link.start(KNOWN))
    await failure(link.finish(first.challenge, wrongCode()))
    await failure(link.finish(first.challenge, wrongCode()))
    expect((await link.finish(first.challenge, latestCode())).email).toBe(KNOWN)
    const second = await codeSent(link.start(KNOWN))
    await failure(link.finish(second.challenge, wrongCode()))
    await failure(link.finish(second.challenge, wrongCode()))
    expect((await link.finish(second.challenge, latestCode())).email).toBe(
      KNOWN
    )
  })

  it("a sign-in with no wrong code counted writes nothing to clear (one write fewer per sign-in)", async () => {
    const store = new MemoryOnceStore()
    const writes: string[] = []
    const recording = {
      use: (key: string, ttlMs: number) => {
        writes.push(key.split(":")[1]!)
        return store.use(key, ttlMs)
      },
      uses: (key: string) => store.uses(key),
    }
    const link = steps({ onceStore: recording })
    const clean = await codeSent(link.start(KNOWN))
    writes.length = 0
    await link.finish(clean.challenge, latestCode())
    expect(writes).toEqual(["spent"])
    // After a wrong code, the sign-in clears the count.
    const next = await codeSent(link.start(KNOWN))
    await failure(link.finish(next.challenge, wrongCode()))
    writes.length = 0
    await link.finish(next.challenge, latestCode())
    expect(writes).toEqual(["spent", "failures-reset"])
  })

  it("locks a decoy's email as it locks a real one (conceal mode)", async () => {
    const link = concealing({
      resendCooldown: 0,
      rateLimits: { failuresPerEmail: { points: 3, windowMs: 3_600_000 } },
    })
    const answers = async (email: string) => {
      const sent = await codeSent(link.start(email))
      const seen: unknown[] = []
      for (let i = 0; i < 4; i++) {
        const error = await failure(link.finish(sent.challenge, "000001"))
        seen.push([error.code, error.retryAfter])
      }
      const again = await failure(link.start(email))
      seen.push([again.code, again.retryAfter])
      return seen
    }
    const real = await answers(KNOWN)
    expect(real).toEqual([
      ["invalid_code", undefined],
      ["invalid_code", undefined],
      ["invalid_code", undefined],
      ["too_many_attempts", 3600],
      ["too_many_attempts", 3600],
    ])
    expect(await answers(UNKNOWN)).toEqual(real)
  })
})

describe("the resend cooldown is kept per session (issue 16, item 5)", () => {
  it("a resend replayed with the first challenge is refused for a known and an unknown email alike", async () => {
    vi.useFakeTimers({ toFake: ["Date"] })
    const link = concealing()
    const run = async (email: string) => {
      const first = await codeSent(link.start(email))
      vi.setSystemTime(Date.now() + 31_000)
      const seen: string[] = []
      for (let i = 0; i < 2; i++) {
        try {
          seen.push((await link.resend(first.challenge)).status)
        } catch (error) {
          seen.push((error as LinkSignInError).code)
        }
      }
      return seen
    }
    const real = await run(KNOWN)
    expect(real).toEqual(["code_sent", "rate_limited"])
    expect(await run(UNKNOWN)).toEqual(real)
  })

  it("refuses the second of two resends with one challenge without asking Link", async () => {
    vi.useFakeTimers({ toFake: ["Date"] })
    const link = steps()
    const first = await codeSent(link.start(KNOWN))
    vi.setSystemTime(Date.now() + 31_000)
    await codeSent(link.resend(first.challenge))
    const sends = env.sim.state.stats.calls.start_verification
    const limited = await failure(link.resend(first.challenge))
    expect(limited).toMatchObject({ code: "rate_limited", retryAfter: 30 })
    expect(env.sim.state.stats.calls.start_verification).toBe(sends)
  })
})

describe("a cold instance's decoys (issue 16, item 6)", () => {
  it("a decoy challenge is as long as a real one from the very first request", async () => {
    const link = concealing()
    const decoy = await codeSent(link.start(UNKNOWN))
    const real = await codeSent(concealing().start(KNOWN))
    expect(decoy.challenge.length).toBe(real.challenge.length)
  })

  it("a fresh instance paces a decoy send like a Link call (concealLinkLatency), not instantly", async () => {
    const link = concealing({ concealLinkLatency: 700 })
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] })
    let done = false
    const running = link.start(UNKNOWN).then(() => (done = true))
    await untilATimer(() => vi.getTimerCount())
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    // The seed, with its jitter: between 0.8 and 1.2 times 700 ms.
    vi.advanceTimersByTime(559)
    await settle()
    expect(done).toBe(false)
    vi.advanceTimersByTime(841 - 559)
    await running
    expect(done).toBe(true)
  })
})

describe("a human check past the per-email limits (issue 16, item 9)", () => {
  /** A fake verifier: accepts the token "human", and records what it was asked. */
  function fakeVerifier() {
    const asked: Parameters<VerifyHuman>[] = []
    const verify: VerifyHuman = async (token, context) => {
      asked.push([token, context])
      return token === "human"
    }
    return { verify, asked }
  }
  const sendTwice = { sendPerEmail: { points: 2, windowMs: 3_600_000 } }

  it("past the send limit, start answers human_check_required; a token the hook accepts goes on", async () => {
    const { verify, asked } = fakeVerifier()
    const link = steps({ rateLimits: sendTwice, verifyHuman: verify })
    await codeSent(link.start(KNOWN, { ip: IP, humanToken: "human" }))
    await codeSent(link.start(KNOWN, { ip: IP }))
    // Under the limit, the hook is not asked.
    expect(asked).toEqual([])
    expect(await code(link.start(KNOWN, { ip: IP }))).toBe(
      "human_check_required"
    )
    expect(await code(link.start(KNOWN, { ip: IP, humanToken: "robot" }))).toBe(
      "human_check_required"
    )
    const passed = await codeSent(
      link.start(KNOWN, { ip: IP, humanToken: "human" })
    )
    expect(asked).toEqual([
      [undefined, { step: "start", email: KNOWN, clientIp: IP }],
      ["robot", { step: "start", email: KNOWN, clientIp: IP }],
      ["human", { step: "start", email: KNOWN, clientIp: IP }],
    ])
    expect((await link.finish(passed.challenge, latestCode())).email).toBe(
      KNOWN
    )
  })

  it("without the hook, the same is a bare rate_limited", async () => {
    const link = steps({ rateLimits: sendTwice })
    await codeSent(link.start(KNOWN))
    await codeSent(link.start(KNOWN))
    expect(await code(link.start(KNOWN, { humanToken: "human" }))).toBe(
      "rate_limited"
    )
  })

  it("the resend step asks for it too, once per request", async () => {
    vi.useFakeTimers({ toFake: ["Date"] })
    const { verify, asked } = fakeVerifier()
    const link = steps({ rateLimits: sendTwice, verifyHuman: verify })
    await codeSent(link.start(KNOWN))
    const sent = await codeSent(link.start(KNOWN))
    vi.setSystemTime(Date.now() + 31_000)
    expect(await code(link.resend(sent.challenge))).toBe("human_check_required")
    await codeSent(link.resend(sent.challenge, { humanToken: "human" }))
    expect(asked.map(([token, { step }]) => [token, step])).toEqual([
      [undefined, "resend"],
      ["human", "resend"],
    ])
  })

  it("a locked email may start again after a human check, and that challenge's code is checked", async () => {
    const { verify } = fakeVerifier()
    const link = steps({
      verifyHuman: verify,
      rateLimits: { failuresPerEmail: { points: 2, windowMs: 3_600_000 } },
    })
    const sent = await codeSent(link.start(KNOWN))
    await failure(link.finish(sent.challenge, wrongCode()))
    await failure(link.finish(sent.challenge, wrongCode()))
    expect(await code(link.finish(sent.challenge, latestCode()))).toBe(
      "too_many_attempts"
    )
    expect(await code(link.start(KNOWN))).toBe("human_check_required")
    const checked = await codeSent(link.start(KNOWN, { humanToken: "human" }))
    expect((await link.finish(checked.challenge, latestCode())).email).toBe(
      KNOWN
    )
  })

  it("a hook that throws is a refusal, with its error kept for the log", async () => {
    const broken = new Error("the CAPTCHA service is down")
    const link = steps({
      rateLimits: sendTwice,
      verifyHuman: () => {
        throw broken
      },
    })
    await codeSent(link.start(KNOWN))
    await codeSent(link.start(KNOWN))
    const refused = await failure(link.start(KNOWN, { humanToken: "human" }))
    expect(refused.code).toBe("human_check_required")
    expect(refused.cause).toBe(broken)
  })

  it("verifyHuman must be a function", () => {
    expect(() =>
      steps({ verifyHuman: "yes" as unknown as VerifyHuman })
    ).toThrow(/option "verifyHuman" must be a function/)
  })
})
