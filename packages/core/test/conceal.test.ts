/**
 * Conceal mode (`unknownEmail: "conceal"`) must not be told apart from a real email (security
 * issue 11, item 2): decoys lock after as many wrong codes as a real session, the decoy phone is
 * stable across secret rotation, no answer carries `attemptsLeft`, and every step takes at least
 * the floor from the first request. Against the in-process simulator, real emails included.
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  codeSent,
  failure,
  settle,
  simulatedSteps,
  untilATimer,
} from "./steps.js"
import { LINK_MAX_ATTEMPTS } from "../src/sessions.js"
import { LinkSignInError } from "../src/errors.js"
import type { LoginWithLinkOptions } from "../src/options.js"
import { MemoryRateLimiter } from "../src/rate-limit.js"
import {
  CONCEAL_SECRET,
  interceptFetch,
  json,
  LINK,
  freshSimulator,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const env = freshSimulator()

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** Conceal mode against the simulator; the floor is off unless a test turns it on. */
function concealing(options: LoginWithLinkOptions = {}) {
  return simulatedSteps(env, {
    unknownEmail: "conceal",
    concealSecret: CONCEAL_SECRET,
    concealMinDuration: 0,
    concealLinkLatency: 0,
    ...options,
  })
}

/** What a person sees of a failure: everything a page could show. */
const seen = (error: LinkSignInError) => ({
  code: error.code,
  retryAfter: error.retryAfter,
  attemptsLeft: error.attemptsLeft,
})

const KNOWN = "sam@example.com"
const UNKNOWN = "bob@example.com"
const wrongCodeFor = (email: string) => {
  const right = env.sim.state.outbox.latestCode(email)
  return right === "111111" ? "222222" : "111111"
}

describe("conceal: a decoy locks as a real session does", () => {
  for (const limiter of ["none (rateLimit: false)", "MemoryRateLimiter"]) {
    it(`the same answers to wrong codes, then to a resend, for a known and an unknown email (limiter: ${limiter})`, async () => {
      const link = concealing({
        resendCooldown: 0,
        ...(limiter === "MemoryRateLimiter" && {
          rateLimit: new MemoryRateLimiter(),
        }),
      })
      const answers = async (email: string) => {
        const sent = await codeSent(link.start(email))
        const wrong = wrongCodeFor(email)
        const seenSoFar = []
        for (let i = 0; i < LINK_MAX_ATTEMPTS + 2; i++) {
          seenSoFar.push(
            seen(await failure(link.finish(sent.challenge, wrong)))
          )
        }
        seenSoFar.push(seen(await failure(link.resend(sent.challenge))))
        return seenSoFar
      }
      const known = await answers(KNOWN)
      const unknown = await answers(UNKNOWN)
      const invalid = { code: "invalid_code" }
      const locked = { code: "too_many_attempts" }
      expect(known).toEqual([
        ...Array.from({ length: LINK_MAX_ATTEMPTS }, () => invalid),
        locked,
        locked,
        locked, // the resend too: Link sends no code for a session that failed
      ])
      expect(unknown).toEqual(known)
    })
  }

  it("counts per decoy session across resends, as Link counts per client_secret", async () => {
    const link = concealing({ resendCooldown: 0 })
    const sent = await codeSent(link.start(UNKNOWN))
    for (let i = 0; i < LINK_MAX_ATTEMPTS - 1; i++) {
      expect((await failure(link.finish(sent.challenge, "123456"))).code).toBe(
        "invalid_code"
      )
    }
    const resent = await codeSent(link.resend(sent.challenge))
    expect((await failure(link.finish(resent.challenge, "123456"))).code).toBe(
      "invalid_code"
    )
    expect((await failure(link.finish(resent.challenge, "123456"))).code).toBe(
      "too_many_attempts"
    )
    // The older challenge of the same session is locked too.
    expect((await failure(link.finish(sent.challenge, "123456"))).code).toBe(
      "too_many_attempts"
    )
    // A fresh start is a fresh session, as a new lookup is for a real email.
    const fresh = await codeSent(link.start(UNKNOWN))
    expect((await failure(link.finish(fresh.challenge, "123456"))).code).toBe(
      "invalid_code"
    )
  })

  it("is shared by every instance that shares the limiter", async () => {
    const limiter = new MemoryRateLimiter()
    const a = concealing({ rateLimit: limiter })
    const b = concealing({ rateLimit: limiter })
    const sent = await codeSent(a.start(UNKNOWN))
    for (let i = 0; i < LINK_MAX_ATTEMPTS; i++) {
      const instance = i % 2 ? a : b
      await failure(instance.finish(sent.challenge, "123456"))
    }
    expect((await failure(b.finish(sent.challenge, "123456"))).code).toBe(
      "too_many_attempts"
    )
  })
})

describe("conceal: the decoy phone", () => {
  it("is the same for an email before and after the secret rotates, as a real phone is", async () => {
    const before = concealing({ secret: TEST_SECRET })
    const after = concealing({
      secret: ["a-brand-new-secret-0123456789-rotated", TEST_SECRET],
    })
    const rotated = concealing({ secret: "another-secret-0123456789-abcdef" })
    const phones = async (link: ReturnType<typeof concealing>) => ({
      known: (await codeSent(link.start(KNOWN))).redactedPhone,
      unknown: (await codeSent(link.start(UNKNOWN))).redactedPhone,
    })
    const first = await phones(before)
    expect(await phones(after)).toEqual(first)
    expect(await phones(rotated)).toEqual(first)
  })

  it("is the same for the shop's other publishable keys and API URLs (it depends on concealSecret only)", async () => {
    const phone = async (options: LoginWithLinkOptions) =>
      (await codeSent(concealing(options).start(UNKNOWN))).redactedPhone
    const first = await phone({})
    expect(await phone({ publishableKey: "pk_test_staging" })).toBe(first)
  })

  it("cannot be computed without concealSecret: another secret gives other phones", async () => {
    const emails = Array.from(
      { length: 20 },
      (_, i) => `nobody${i}@example.com`
    )
    const phones = async (concealSecret: string) => {
      const link = concealing({ concealSecret })
      const list = []
      for (const email of emails) {
        list.push((await codeSent(link.start(email))).redactedPhone)
      }
      return list
    }
    const ours = await phones(CONCEAL_SECRET)
    const theirs = await phones("somebody-elses-conceal-secret-012345")
    expect(ours.filter((p, i) => p !== theirs[i]).length).toBeGreaterThan(10)
    for (const p of ours) expect(p).toMatch(/^\+(1\*{8}|[34]\*{9})\d\d$/)
  })

  it("conceal mode refuses to start without concealSecret, naming it and its variable", () => {
    expect(() => concealing({ concealSecret: undefined })).toThrow(
      /concealSecret.*AUTH_LINK_CONCEAL_SECRET.*never rotate/
    )
    expect(() => concealing({ concealSecret: "short" })).toThrow(
      /concealSecret" must be a string of at least 16 characters/
    )
    vi.stubEnv("AUTH_LINK_CONCEAL_SECRET", CONCEAL_SECRET)
    try {
      expect(
        concealing({ concealSecret: undefined }).options.concealSecret
      ).toBe(CONCEAL_SECRET)
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe("conceal: no attemptsLeft, no retryAfter on a lock", () => {
  it("a wrong code for a real email says nothing of attempts left, even when Link does", async () => {
    const wrong = () =>
      json(
        {
          errorMessage: "Invalid code",
          error: {
            type: "invalid_request_error",
            code: "consumer_verification_code_invalid",
            message: "Invalid code",
            attempts_remaining: 3,
          },
        },
        { status: 400 }
      )
    const locked = () =>
      LINK.error(429, "consumer_verification_max_attempts_exceeded", "Locked", {
        "retry-after": "600",
      })
    const link = interceptFetch(
      {
        method: "GET",
        path: "/lookup-email",
        respond: () => LINK.lookupFound(),
      },
      {
        method: "POST",
        path: "/start_verification",
        respond: () => LINK.sent(),
      },
      { method: "POST", path: "/authenticate", respond: wrong },
      { method: "POST", path: "/authenticate", respond: locked }
    )
    const steps = concealing({ fetch: link.fetch })
    const sent = await codeSent(steps.start("jo@example.com"))
    expect(seen(await failure(steps.finish(sent.challenge, "111111")))).toEqual(
      { code: "invalid_code" }
    )
    expect(seen(await failure(steps.finish(sent.challenge, "111111")))).toEqual(
      { code: "too_many_attempts" }
    )
    link.done()
    // In invite mode, Link's count is passed on.
    const invite = interceptFetch(
      {
        method: "GET",
        path: "/lookup-email",
        respond: () => LINK.lookupFound(),
      },
      {
        method: "POST",
        path: "/start_verification",
        respond: () => LINK.sent(),
      },
      { method: "POST", path: "/authenticate", respond: wrong }
    )
    const plain = concealing({ fetch: invite.fetch, unknownEmail: "invite" })
    const plainSent = await codeSent(plain.start("jo@example.com"))
    expect(
      (await failure(plain.finish(plainSent.challenge, "111111"))).attemptsLeft
    ).toBe(3)
  })
})

describe("conceal: a pacing floor from the first request", () => {
  /** Run a step under fake timers: it must not answer before `floor` ms, and must right at it. */
  async function answersAtTheFloor(
    step: () => Promise<unknown>,
    floor: number
  ) {
    let done = false
    const running = step().then(
      () => (done = true),
      () => (done = true)
    )
    // The step's own work (Link calls, sealing) runs on real I/O, with the fake clock standing still.
    await untilATimer(
      () => vi.getTimerCount(),
      () => done
    )
    expect(done).toBe(false)
    vi.advanceTimersByTime(floor - 1)
    await settle()
    expect(done).toBe(false)
    vi.advanceTimersByTime(1)
    await running
    expect(done).toBe(true)
  }

  it("a fresh instance answers neither a decoy nor a real email before the floor (start, resend, finish)", async () => {
    // A fresh instance has timed no real send yet: before the floor, a decoy took ~9 ms.
    const floor = 1000
    const make = () =>
      concealing({ concealMinDuration: undefined, resendCooldown: 0 })
    expect(make().options.concealMinDuration).toBe(floor)
    const decoyChallenge = (await codeSent(concealing().start(UNKNOWN)))
      .challenge
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] })
    await answersAtTheFloor(() => make().start(UNKNOWN), floor)
    await answersAtTheFloor(() => make().start(KNOWN), floor)
    await answersAtTheFloor(() => make().resend(decoyChallenge), floor)
    await answersAtTheFloor(
      () => make().finish(decoyChallenge, "123456"),
      floor
    )
    await answersAtTheFloor(() => make().start("not an email"), floor)
  })

  it("concealMinDuration sets the floor; invite mode has none", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] })
    await answersAtTheFloor(
      () => concealing({ concealMinDuration: 2500 }).start(UNKNOWN),
      2500
    )
    // Invite mode answers as soon as Link has: no timer at all.
    const outcome = await concealing({ unknownEmail: "invite" }).start(UNKNOWN)
    expect(outcome.status).toBe("signup_required")
    expect(vi.getTimerCount()).toBe(0)
  })
})
