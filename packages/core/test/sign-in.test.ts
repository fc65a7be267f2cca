/**
 * Flow tests: the whole OTP lifecycle against the in-process simulator (real handlers, real
 * codes from its outbox, its clock moved for expiry, its faults for upstream failures).
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import { codeSent, failure, simulatedSteps } from "./steps.js"
import { linkCodeStartsOver } from "../src/codes.js"
import { sealEarlierChallenge } from "./challenge-key.js"
import { sealChallenge, unsealChallenge } from "../src/challenge.js"
import { LinkApiError } from "../src/errors.js"
import { MemoryRateLimiter } from "../src/rate-limit.js"
import type { LoginWithLinkOptions } from "../src/options.js"
import {
  CONCEAL_SECRET,
  interceptFetch,
  LINK,
  freshSimulator,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const env = freshSimulator()

afterEach(() => {
  vi.restoreAllMocks()
})

function steps(options: LoginWithLinkOptions = {}) {
  return simulatedSteps(env, options)
}

const latestCode = (email = "jo@example.com") =>
  env.sim.state.outbox.latestCode(email)!
const wrongCode = (right: string) => (right === "111111" ? "222222" : "111111")

describe("sign-in against the simulator", () => {
  it("a known email gets code_sent with the redacted phone, and one SMS", async () => {
    const sent = await codeSent(steps().start("Jo@Example.com"))
    expect(sent).toMatchObject({
      status: "code_sent",
      redactedPhone: "+3*********90",
      email: "jo@example.com",
    })
    expect(env.sim.state.outbox.list("jo@example.com")).toHaveLength(1)
  })

  it("an unknown email is invited to sign up (invite)", async () => {
    const outcome = await steps().start("new@example.com", {
      returnTo: "http://localhost:3000/login",
    })
    expect(outcome).toMatchObject({
      status: "signup_required",
      email: "new@example.com",
    })
    const url = new URL((outcome as { signupUrl: string }).signupUrl)
    expect(url.href).toBe(
      "http://link.localhost/signup?email=new%40example.com&return_to=http%3A%2F%2Flocalhost%3A3000%2Flogin"
    )
  })

  it("an unknown email gets the same answer as a known one (conceal), and no SMS", async () => {
    const link = steps({
      unknownEmail: "conceal",
      concealSecret: CONCEAL_SECRET,
      concealMinDuration: 0,
      concealLinkLatency: 0,
    })
    // Two emails of the same length: the challenges differ at most by the phone's length.
    const known = await codeSent(link.start("sam@example.com"))
    const unknown = await codeSent(link.start("bob@example.com"))
    expect(Object.keys(unknown).sort()).toEqual(Object.keys(known).sort())
    expect(unknown.redactedPhone).toMatch(/^\+(1\*{8}|[34]\*{9})\d\d$/)
    expect(
      Math.abs(unknown.challenge.length - known.challenge.length)
    ).toBeLessThanOrEqual(2)
    expect(
      Math.abs(
        unknown.expiresAt -
          unknown.resendAt -
          (known.expiresAt - known.resendAt)
      )
    ).toBeLessThan(1000)
    expect(env.sim.state.outbox.list()).toHaveLength(1)
    // The code step then fails exactly as a wrong code does.
    const wrongForKnown = await failure(
      link.finish(known.challenge, wrongCode(latestCode()))
    )
    const anyForUnknown = await failure(
      link.finish(unknown.challenge, "123456")
    )
    expect(anyForUnknown.code).toBe(wrongForKnown.code)
    expect(anyForUnknown.code).toBe("invalid_code")
  })

  it("the right code gives the user { id, email, name }", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    const user = await link.finish(sent.challenge, latestCode())
    expect(user).toEqual({
      id: "jo@example.com",
      email: "jo@example.com",
      name: "Jo Doe",
      city: "San Francisco, California 94114",
      emailVerified: false,
    })
  })

  it("test mode accepts 000000, and a person with no saved name has none", async () => {
    const link = steps()
    const sent = await codeSent(link.start("alex@example.com"))
    expect(await link.finish(sent.challenge, "000 000")).toEqual({
      id: "alex@example.com",
      email: "alex@example.com",
      emailVerified: false,
    })
  })

  it("a code works once: a second use has to start over", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    await link.finish(sent.challenge, latestCode())
    expect(
      (await failure(link.finish(sent.challenge, latestCode()))).code
    ).toBe("challenge_expired")
  })

  it("a wrong code is invalid_code, and the right one still works after it", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    const code = latestCode()
    expect(
      (await failure(link.finish(sent.challenge, wrongCode(code)))).code
    ).toBe("invalid_code")
    expect((await link.finish(sent.challenge, code)).email).toBe(
      "jo@example.com"
    )
  })

  it("the sixth wrong code is too_many_attempts, and then even the right code is refused", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    const code = latestCode()
    const left: (number | undefined)[] = []
    for (let i = 0; i < 5; i++) {
      const wrong = await failure(link.finish(sent.challenge, wrongCode(code)))
      expect(wrong.code).toBe("invalid_code")
      left.push(wrong.attemptsLeft)
    }
    // Link says nothing of the tries left; the core counts the session's wrong codes (Link
    // allows 5), so a UI can warn before the last one. After the fifth, Link answers the next.
    expect(left).toEqual([4, 3, 2, 1, undefined])
    expect(
      (await failure(link.finish(sent.challenge, wrongCode(code)))).code
    ).toBe("too_many_attempts")
    expect((await failure(link.finish(sent.challenge, code))).code).toBe(
      "too_many_attempts"
    )
  })

  it("counts the tries left per Link session, across instances sharing the once store; a new sign-in starts afresh", async () => {
    const onceStore = new MemoryRateLimiter()
    const one = steps({ onceStore })
    const two = steps({ onceStore })
    const sent = await codeSent(one.start("jo@example.com"))
    const code = latestCode()
    expect(
      (await failure(one.finish(sent.challenge, wrongCode(code)))).attemptsLeft
    ).toBe(4)
    expect(
      (await failure(two.finish(sent.challenge, wrongCode(code)))).attemptsLeft
    ).toBe(3)
    // Not six digits: Link is not asked, and nothing is counted.
    const short = await failure(two.finish(sent.challenge, "12"))
    expect(short.code).toBe("invalid_code")
    expect(short.attemptsLeft).toBeUndefined()
    const again = await codeSent(one.start("jo@example.com"))
    expect(
      (await failure(one.finish(again.challenge, wrongCode(latestCode()))))
        .attemptsLeft
    ).toBe(4)
    expect((await two.finish(sent.challenge, code)).email).toBe(
      "jo@example.com"
    )
  })

  it("an expired code is code_expired", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    env.sim.state.clock.advance(10 * 60_000 + 1000)
    expect(
      (await failure(link.finish(sent.challenge, latestCode()))).code
    ).toBe("code_expired")
  })

  it("a resend inside the cooldown is rate_limited with retryAfter, without asking Link", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    const calls = env.calls()
    const limited = await failure(link.resend(sent.challenge))
    expect(limited.code).toBe("rate_limited")
    expect(limited.retryAfter).toBeGreaterThanOrEqual(29)
    expect(limited.retryAfter).toBeLessThanOrEqual(30)
    expect(env.calls()).toBe(calls)
  })

  it("Link's own resend cooldown is rate_limited with retryAfter too", async () => {
    const link = steps({ resendCooldown: 0 })
    const sent = await codeSent(link.start("jo@example.com"))
    const limited = await failure(link.resend(sent.challenge))
    expect(limited.code).toBe("rate_limited")
    expect(limited.retryAfter).toBeGreaterThanOrEqual(1)
    expect(limited.retryAfter).toBeLessThanOrEqual(30)
  })

  it("after the cooldown a resend sends a new code; the new code works", async () => {
    const link = steps({ resendCooldown: 0 })
    const first = await codeSent(link.start("jo@example.com"))
    env.sim.state.clock.advance(31_000)
    const second = await codeSent(link.resend(first.challenge))
    expect(env.sim.state.outbox.list("jo@example.com")).toHaveLength(2)
    expect(second.challenge).not.toBe(first.challenge)
    expect((await link.finish(second.challenge, latestCode())).email).toBe(
      "jo@example.com"
    )
  })

  it("bad challenges are refused with no call to Link", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    const before = env.calls()
    const foreign = await codeSent(
      steps({ publishableKey: "pk_test_another" }).start("jo@example.com")
    )
    const afterForeign = env.calls()
    const bad = [
      "",
      "garbage",
      sent.challenge.slice(0, -5),
      sent.challenge.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      "x".repeat(5000),
      foreign.challenge,
    ]
    for (const challenge of bad) {
      expect((await failure(link.finish(challenge, "123456"))).code).toBe(
        "challenge_invalid"
      )
      expect((await failure(link.resend(challenge))).code).toBe(
        "challenge_invalid"
      )
    }
    expect(afterForeign - before).toBe(2)
    expect(env.calls()).toBe(afterForeign)
  })

  it("a challenge sealed in the format before jose is challenge_expired: the person starts over, Link is not asked", async () => {
    // The earlier format: the same key, no typ in the protected header.
    const earlier = await sealEarlierChallenge(TEST_SECRET, {
      em: "jo@example.com",
      cs: "cs_from_before_the_deploy",
      ph: "+3*********90",
      rs: Date.now(),
      d: 0,
    })
    const link = steps()
    const before = env.calls()
    for (const refused of [
      failure(link.finish(earlier, "123456")),
      failure(link.resend(earlier)),
    ]) {
      const error = await refused
      expect(error.code).toBe("challenge_expired")
      expect(linkCodeStartsOver(error.code)).toBe(true)
    }
    expect(env.calls()).toBe(before)
  })
})

describe("upstream faults are link_unavailable", () => {
  it.each([
    ["a 500", { kind: "status", status: 500 }, "api_error"],
    ["a 502 HTML page", { kind: "html" }, "LWL_LINK_ERROR"],
    ["a malformed body", { kind: "malformed" }, "LWL_LINK_MALFORMED"],
    ["no answer within the timeout", { kind: "hang" }, "LWL_LINK_TIMEOUT"],
    [
      "latency beyond the timeout",
      { kind: "latency", latencyMs: 5000 },
      "LWL_LINK_TIMEOUT",
    ],
    ["a dropped connection", { kind: "drop" }, "LWL_LINK_NETWORK"],
  ] as const)("%s on lookup", async (_name, fault, upstream) => {
    env.sim.state.faults.add({ route: "lookup-email", count: 1, ...fault })
    const error = await failure(steps({ timeout: 50 }).start("jo@example.com"))
    expect(error.code).toBe("link_unavailable")
    expect((error.cause as LinkApiError).code).toBe(upstream)
    // And the next attempt, with Link back, works.
    await codeSent(steps({ timeout: 50 }).start("jo@example.com"))
  })

  it("a 500 on authenticate is link_unavailable, and the code still works after", async () => {
    const link = steps()
    const sent = await codeSent(link.start("jo@example.com"))
    env.sim.state.faults.add({
      route: "authenticate",
      kind: "status",
      status: 500,
      count: 1,
    })
    expect(
      (await failure(link.finish(sent.challenge, latestCode()))).code
    ).toBe("link_unavailable")
    expect((await link.finish(sent.challenge, latestCode())).email).toBe(
      "jo@example.com"
    )
  })

  it("a 429 with Retry-After is rate_limited with that retryAfter", async () => {
    env.sim.state.faults.add({
      route: "start_verification",
      kind: "status",
      status: 429,
      retryAfter: 7,
      count: 1,
    })
    const error = await failure(steps().start("jo@example.com"))
    expect(error).toMatchObject({ code: "rate_limited", retryAfter: 7 })
  })
})

describe("the email's rate-limit key rides in the challenge", () => {
  const binding = `${TEST_KEY} http://link.localhost/api`

  it("start seals it; resend and finish use it without computing it again", async () => {
    const limiter = new MemoryRateLimiter()
    const consumed: string[] = []
    const consume = limiter.consume.bind(limiter)
    vi.spyOn(limiter, "consume").mockImplementation((key, rule) => {
      consumed.push(key)
      return consume(key, rule)
    })
    const link = steps({ rateLimit: limiter, resendCooldown: 0 })
    const sent = await codeSent(link.start("jo@example.com"))
    const payload = await unsealChallenge(sent.challenge, {
      secret: TEST_SECRET,
      binding,
    })
    expect(payload.emailKey).toMatch(/^[0-9a-f]{32}$/)
    const sign = vi.spyOn(crypto.subtle, "sign")
    env.sim.state.clock.advance(31_000)
    const again = await codeSent(link.resend(sent.challenge))
    await link.finish(again.challenge, latestCode())
    expect(sign).not.toHaveBeenCalled()
    // Every per-email limit counted under the same key, the one in the challenge.
    const perEmail = consumed.filter((key) => key.includes(":email:"))
    expect(perEmail).toEqual([
      `link:lookupPerEmail:email:${payload.emailKey}`,
      `link:sendPerEmail:email:${payload.emailKey}`,
      `link:sendPerEmail:email:${payload.emailKey}`,
      `link:attemptPerEmail:email:${payload.emailKey}`,
    ])
  })

  it("a challenge without it (sealed before it was carried) is still limited per email", async () => {
    const limiter = new MemoryRateLimiter()
    const link = steps({
      rateLimit: limiter,
      rateLimits: { attemptPerEmail: { points: 1, windowMs: 60_000 } },
    })
    const sent = await codeSent(link.start("jo@example.com"))
    const { emailKey: _dropped, ...payload } = await unsealChallenge(
      sent.challenge,
      { secret: TEST_SECRET, binding }
    )
    const old = await sealChallenge(payload, { secret: TEST_SECRET, binding })
    const code = latestCode()
    expect((await failure(link.finish(old, wrongCode(code)))).code).toBe(
      "invalid_code"
    )
    // The second attempt counts against the same email as the first.
    expect((await failure(link.finish(sent.challenge, code))).code).toBe(
      "rate_limited"
    )
  })
})

describe("the challenge is sealed while Link sends the code", () => {
  const binding = `${TEST_KEY} http://link.localhost/api`
  const unseal = (challenge: string) =>
    unsealChallenge(challenge, { secret: TEST_SECRET, binding })

  it("holds the phone the send answered, when it differs from the lookup's", async () => {
    const link = interceptFetch(
      {
        method: "GET",
        path: "/lookup-email",
        respond: () => LINK.lookupFound("cs_test_abc", "+3*********90"),
      },
      {
        method: "POST",
        path: "/start_verification",
        respond: () => LINK.sent("+1********12"),
      }
    )
    const sent = await codeSent(
      steps({ apiUrl: "https://link.test/api", fetch: link.fetch }).start(
        "jo@example.com"
      )
    )
    link.done()
    expect(sent.redactedPhone).toBe("+1********12")
    const payload = await unsealChallenge(sent.challenge, {
      secret: TEST_SECRET,
      binding: `${TEST_KEY} https://link.test/api`,
    })
    expect(payload.redactedPhone).toBe("+1********12")
  })

  it("holds the lookup's phone when the send repeats it, and a failed send leaves nothing behind", async () => {
    const sent = await codeSent(steps().start("jo@example.com"))
    expect((await unseal(sent.challenge)).redactedPhone).toBe(
      sent.redactedPhone
    )
    env.sim.state.faults.add({
      route: "start_verification",
      kind: "status",
      status: 500,
      count: 1,
    })
    expect((await failure(steps().start("jo@example.com"))).code).toBe(
      "link_unavailable"
    )
  })
})
