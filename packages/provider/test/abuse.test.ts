/**
 * The attackers of docs/security.md against the provider's rate limits, with the in-process
 * simulator's own limits raised out of the way, so that what stops them is the provider: the
 * email enumerator (lookups), the SMS bomber (sends, start and resend together), the code guesser
 * (attempts), each per client IP, per (hashed) email and in total for the deployment; the client
 * IP taken only from the source the shop names (IPv6 counted by /64), and a victim's lock that
 * no flood of fresh keys can lift.
 */
import { createSimulator } from "@login-with-link/simulator"
import { describe, expect, it } from "vitest"
import { authorizeOf } from "@login-with-link/test-helpers"
import { LinkCodeSent, LinkSignInFailed } from "../src/outcome-errors.js"
import type { LoginWithLinkOptions } from "@login-with-link/core"
import { LoginWithLink } from "../src/provider.js"
import {
  clientIpFromForwardedFor,
  createLinkLogger,
  DEFAULT_RATE_LIMITS,
  MemoryRateLimiter,
} from "@login-with-link/core"
import {
  authRequest,
  rejection,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

/** A simulator whose own limits never bite first, and a provider with the default limits. */
function setup(options: LoginWithLinkOptions = {}) {
  const sim = createSimulator({
    quiet: true,
    env: {},
    maxSendsPerHour: 10_000,
    maxAttempts: 10_000,
    resendCooldownMs: 0,
  })
  const provider = LoginWithLink({
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      sim.fetch(new Request(input, init))) as typeof fetch,
    rateLimit: new MemoryRateLimiter(),
    resendCooldown: 0,
    ...options,
  })
  const authorize = authorizeOf(provider)
  const seed = (email: string, i: number) =>
    sim.state.people.put({
      email,
      phone: `+1415777${String(i).padStart(4, "0")}`,
    })
  return { sim, authorize, seed }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise)
  return String((error as { code?: unknown }).code)
}

const from = (ip: string) => authRequest({ "x-forwarded-for": ip })

/** One proxy in front of the shop, appending to X-Forwarded-For. */
const behindProxy = clientIpFromForwardedFor({ hops: 1 })

describe("the SMS bomber", () => {
  it("gets at most sendPerEmail codes sent to a victim, from any number of IPs, start and resend together", async () => {
    const { sim, authorize } = setup({ clientIp: behindProxy })
    const victim = "jo@example.com"
    const codes: string[] = []
    let challenge: string | undefined
    for (let i = 0; i < 100; i++) {
      const request = from(`203.0.113.${i}`)
      const error = await rejection(
        i % 2 === 0 || !challenge
          ? authorize({ email: victim }, request)
          : authorize({ challenge, resend: "1" }, request)
      )
      if (error instanceof LinkCodeSent) challenge = error.challenge
      codes.push(String((error as { code: string }).code))
    }
    const limit = DEFAULT_RATE_LIMITS.sendPerEmail.points
    expect(sim.state.outbox.list(victim)).toHaveLength(limit)
    expect(codes.filter((c) => c === "code_sent")).toHaveLength(limit)
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(100 - limit)
  })

  it("gets at most sendPerIp codes sent from one IP, whatever the victims", async () => {
    const { sim, authorize, seed } = setup({ clientIp: behindProxy })
    for (let i = 0; i < 40; i++) {
      seed(`victim-${i}@example.com`, i)
      await rejection(
        authorize({ email: `victim-${i}@example.com` }, from("198.51.100.1"))
      )
    }
    expect(sim.state.stats.sends).toBe(DEFAULT_RATE_LIMITS.sendPerIp.points)
  })
})

describe("the email enumerator", () => {
  it("gets at most lookupPerIp answers from one IP", async () => {
    const { sim, authorize } = setup({ clientIp: behindProxy })
    const codes: string[] = []
    for (let i = 0; i < 100; i++)
      codes.push(
        await codeOf(
          authorize({ email: `who-${i}@example.com` }, from("192.0.2.7"))
        )
      )
    const limit = DEFAULT_RATE_LIMITS.lookupPerIp.points
    expect(sim.state.stats.calls["lookup-email"]).toBe(limit)
    expect(codes.filter((c) => c === "signup_required")).toHaveLength(limit)
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(100 - limit)
  })

  it("gets at most lookupPerEmail answers about one email, from any number of IPs", async () => {
    const { sim, authorize } = setup({ clientIp: behindProxy })
    for (let i = 0; i < 50; i++)
      await rejection(
        authorize({ email: "Someone@Example.com " }, from(`192.0.2.${i}`))
      )
    expect(sim.state.stats.calls["lookup-email"]).toBe(
      DEFAULT_RATE_LIMITS.lookupPerEmail.points
    )
  })
})

describe("the code guesser", () => {
  it("gets at most attemptPerEmail guesses at one person, across resends and fresh challenges", async () => {
    const { sim, authorize } = setup({ clientIp: behindProxy })
    const challenges: string[] = []
    const first = (await rejection(
      authorize({ email: "jo@example.com" }, from("192.0.2.1"))
    )) as LinkCodeSent
    challenges.push(first.challenge)
    const resent = (await rejection(
      authorize({ challenge: first.challenge, resend: "1" }, from("192.0.2.2"))
    )) as LinkCodeSent
    challenges.push(resent.challenge)
    const right = sim.state.outbox.latestCode("jo@example.com")!
    const guess = right === "111111" ? "222222" : "111111"
    const codes: string[] = []
    for (let i = 0; i < 40; i++)
      codes.push(
        await codeOf(
          authorize(
            { challenge: challenges[i % 2], code: guess },
            from(`192.0.2.${10 + i}`)
          )
        )
      )
    const limit = DEFAULT_RATE_LIMITS.attemptPerEmail.points
    expect(sim.state.stats.calls.authenticate).toBe(limit)
    expect(codes.slice(0, limit).every((c) => c === "invalid_code")).toBe(true)
    expect(codes.slice(limit).every((c) => c === "rate_limited")).toBe(true)
  })

  it("gets at most attemptPerIp guesses from one IP, whatever the people", async () => {
    const { sim, authorize, seed } = setup({ clientIp: behindProxy })
    const challenges: string[] = []
    for (let i = 0; i < 10; i++) {
      seed(`p-${i}@example.com`, i)
      const sent = (await rejection(
        authorize({ email: `p-${i}@example.com` }, from(`10.0.0.${i}`))
      )) as LinkCodeSent
      challenges.push(sent.challenge)
    }
    for (let i = 0; i < 100; i++)
      await rejection(
        authorize(
          { challenge: challenges[i % 10], code: "000001" },
          from("192.0.2.99")
        )
      )
    expect(sim.state.stats.calls.authenticate).toBe(
      DEFAULT_RATE_LIMITS.attemptPerIp.points
    )
  })
})

describe("the client IP", () => {
  it("is the right-most X-Forwarded-For entry (the proxy's), not what the client wrote first", async () => {
    const { sim, authorize } = setup({
      clientIp: behindProxy,
      rateLimits: { lookupPerIp: { points: 2, windowMs: 60_000 } },
    })
    // The client rotates a spoofed left-most entry; the proxy appends the real address.
    const codes: string[] = []
    for (let i = 0; i < 5; i++)
      codes.push(
        await codeOf(
          authorize(
            { email: `x-${i}@example.com` },
            authRequest({ "x-forwarded-for": `10.9.9.${i}, 198.51.100.50` })
          )
        )
      )
    expect(codes).toEqual([
      "signup_required",
      "signup_required",
      "rate_limited",
      "rate_limited",
      "rate_limited",
    ])
    expect(sim.state.stats.calls["lookup-email"]).toBe(2)
  })

  it("cannot be chosen by the client: a rotating X-Real-IP behind an appending proxy gets no fresh buckets (issue 11, item 5)", async () => {
    const { sim, authorize } = setup({ clientIp: behindProxy })
    const codes: string[] = []
    for (let i = 0; i < 60; i++)
      codes.push(
        await codeOf(
          authorize(
            { email: `spoof-${i}@example.com` },
            authRequest({
              "x-real-ip": `10.${i >> 8}.${i & 255}.1`, // the client's own, new every time
              "x-forwarded-for": `10.0.0.${i}, 198.51.100.77`, // the proxy appended the real one
            })
          )
        )
      )
    const limit = DEFAULT_RATE_LIMITS.lookupPerIp.points
    expect(sim.state.stats.calls["lookup-email"]).toBe(limit)
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(60 - limit)
    console.info(
      `[abuse] rotating X-Real-IP behind an appending proxy: ${sim.state.stats.calls["lookup-email"]} of 60 lookups reached Link (limit ${limit})`
    )
  })

  it("counts IPv6 by /64: 200 addresses from one /64 share one bucket (issue 11, item 6)", async () => {
    const { sim, authorize } = setup({ clientIp: behindProxy })
    const codes: string[] = []
    for (let i = 0; i < 200; i++) {
      // Every written form a client or proxy might use, all inside 2001:db8:7:42::/64.
      const host = ((i * 7919 + 1) & 0xffff).toString(16)
      const address = [
        `2001:db8:7:42::${host}`,
        `[2001:db8:7:42:0:0:${host}:1]:4711`,
        `2001:0db8:0007:0042:${host}::`,
        `2001:DB8:7:42:ffff:${host}:0:9`,
      ][i % 4]!
      codes.push(
        await codeOf(authorize({ email: `v6-${i}@example.com` }, from(address)))
      )
    }
    const limit = DEFAULT_RATE_LIMITS.lookupPerIp.points
    expect(sim.state.stats.calls["lookup-email"]).toBe(limit)
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(200 - limit)
    // The next /64 is another subscriber.
    expect(
      await codeOf(
        authorize({ email: "v6-other@example.com" }, from("2001:db8:7:43::1"))
      )
    ).toBe("signup_required")
    console.info(
      `[abuse] 200 IPv6 addresses from one /64: ${limit} reached Link, ${200 - limit} rate_limited`
    )
  })

  it("counts an IPv4-mapped IPv6 address as the IPv4 address, and takes another prefix length", async () => {
    const mapped = setup({
      clientIp: behindProxy,
      rateLimits: { lookupPerIp: { points: 1, windowMs: 60_000 } },
    })
    await rejection(
      mapped.authorize({ email: "m1@example.com" }, from("198.51.100.9"))
    )
    expect(
      await codeOf(
        mapped.authorize(
          { email: "m2@example.com" },
          from("::ffff:198.51.100.9")
        )
      )
    ).toBe("rate_limited")
    const wide = setup({
      clientIp: behindProxy,
      ipv6Subnet: 48,
      rateLimits: { lookupPerIp: { points: 1, windowMs: 60_000 } },
    })
    await rejection(
      wide.authorize({ email: "w1@example.com" }, from("2001:db8:9:1::1"))
    )
    expect(
      await codeOf(
        wide.authorize({ email: "w2@example.com" }, from("2001:db8:9:ffff::1"))
      )
    ).toBe("rate_limited")
  })

  it("is ignored when the trusted entry is not an IP (the per-email and total limits still apply)", async () => {
    const { authorize } = setup({
      clientIp: behindProxy,
      rateLimits: { lookupPerIp: { points: 1, windowMs: 60_000 } },
    })
    for (const junk of [
      "not-an-ip",
      "<script>",
      "1.2.3.4 OR 1=1",
      "x".repeat(100),
    ]) {
      expect(
        await codeOf(
          authorize(
            { email: `j-${junk.length}@example.com` },
            authRequest({ "x-forwarded-for": junk })
          )
        )
      ).toBe("signup_required")
    }
  })

  it("is never read from headers unless the shop names a clientIp source", async () => {
    const keys: string[] = []
    const sim = createSimulator({ quiet: true, env: {} })
    const provider = LoginWithLink({
      publishableKey: TEST_KEY,
      apiUrl: "http://link.localhost/api",
      secret: TEST_SECRET,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        sim.fetch(new Request(input, init))) as typeof fetch,
      rateLimit: {
        consume: async (key) => (keys.push(key), { allowed: true }),
      },
    })
    const authorize = authorizeOf(provider)
    await rejection(
      authorize(
        { email: "jo@example.com" },
        authRequest({
          "x-real-ip": "198.51.100.1",
          "x-forwarded-for": "198.51.100.2",
          forwarded: "for=198.51.100.3",
        })
      )
    )
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.some((k) => k.includes(":ip:"))).toBe(false)
  })

  it("a clientIp source that throws fails closed (link_unavailable), Link is not called", async () => {
    const { sim, authorize } = setup({
      clientIp: () => {
        throw new Error("misconfigured")
      },
    })
    expect(
      await codeOf(authorize({ email: "jo@example.com" }, authRequest()))
    ).toBe("link_unavailable")
    expect(sim.state.stats.calls["lookup-email"]).toBe(0)
  })
})

describe("the deployment-wide budget (issue 11, item 4)", () => {
  it("with no client IP, 300 lookups for distinct emails are cut off at lookupTotalNoIp", async () => {
    const { sim, authorize } = setup() // the default configuration: no clientIp
    const codes: string[] = []
    for (let i = 0; i < 300; i++)
      codes.push(
        await codeOf(
          authorize({ email: `probe-${i}@example.com` }, authRequest())
        )
      )
    const budget = DEFAULT_RATE_LIMITS.lookupTotalNoIp.points
    expect(sim.state.stats.calls["lookup-email"]).toBe(budget)
    expect(codes.filter((c) => c === "signup_required")).toHaveLength(budget)
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(300 - budget)
    console.info(
      `[abuse] 300 lookups for distinct emails, no client IP: ${budget} reached Link, ${300 - budget} rate_limited`
    )
  })

  it("with no client IP, SMS sends to distinct people are cut off at sendTotalNoIp", async () => {
    const { sim, authorize, seed } = setup()
    const budget = DEFAULT_RATE_LIMITS.sendTotalNoIp.points
    const codes: string[] = []
    for (let i = 0; i < budget + 50; i++) {
      seed(`person-${i}@example.com`, i)
      codes.push(
        await codeOf(
          authorize({ email: `person-${i}@example.com` }, authRequest())
        )
      )
    }
    expect(sim.state.stats.sends).toBe(budget)
    expect(codes.filter((c) => c === "code_sent")).toHaveLength(budget)
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(50)
  })

  it("is a ceiling even when every request comes from another IP", async () => {
    const { sim, authorize } = setup({ clientIp: behindProxy })
    for (let i = 0; i < 300; i++)
      await rejection(
        authorize(
          { email: `spread-${i}@example.com` },
          from(`203.0.${i >> 8}.${i & 255}`)
        )
      )
    expect(sim.state.stats.calls["lookup-email"]).toBe(
      DEFAULT_RATE_LIMITS.lookupTotal.points
    )
  })

  it("is not used up by a client its own per-IP limit already stopped", async () => {
    const { sim, authorize } = setup({
      clientIp: behindProxy,
      rateLimits: { lookupTotal: { points: 40, windowMs: 60_000 } },
    })
    for (let i = 0; i < 500; i++)
      await rejection(
        authorize({ email: `flood-${i}@example.com` }, from("192.0.2.66"))
      )
    expect(sim.state.stats.calls["lookup-email"]).toBe(
      DEFAULT_RATE_LIMITS.lookupPerIp.points
    )
    // Everyone else still has the rest of the budget.
    expect(
      await codeOf(
        authorize({ email: "someone@example.com" }, from("198.51.100.4"))
      )
    ).toBe("signup_required")
  })

  it("names the limit that was reached in the log line (never the email)", async () => {
    const { authorize } = setup({
      rateLimits: { lookupTotalNoIp: { points: 1, windowMs: 60_000 } },
    })
    await rejection(authorize({ email: "a@example.com" }, authRequest()))
    const error = (await rejection(
      authorize({ email: "b@example.com" }, authRequest())
    )) as LinkSignInFailed
    expect(error.code).toBe("rate_limited")
    const lines: string[] = []
    const log = (line: unknown) => lines.push(String(line))
    createLinkLogger({ sink: { error: log, warn: log, debug: log } }).error(
      error
    )
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain("rate_limited")
    expect(lines[0]).toContain("lookupTotalNoIp")
    expect(lines[0]).not.toContain("b@example.com")
  })
})

describe("the limiter's memory (issue 11, item 7)", () => {
  it("10,000 lookups for fresh emails do not lift a victim's per-email lock", async () => {
    // The deployment-wide budget would stop this flood after 200 lookups; raised out of the way
    // here, so that what is tested is the limiter's eviction.
    const { sim, authorize } = setup({
      rateLimits: { lookupTotalNoIp: { points: 1_000_000, windowMs: 60_000 } },
    })
    const victim = "jo@example.com"
    const sent = (await rejection(
      authorize({ email: victim }, authRequest())
    )) as LinkCodeSent
    const right = sim.state.outbox.latestCode(victim)!
    const guess = right === "111111" ? "222222" : "111111"
    const limit = DEFAULT_RATE_LIMITS.attemptPerEmail.points
    for (let i = 0; i < limit; i++)
      expect(
        await codeOf(
          authorize({ challenge: sent.challenge, code: guess }, authRequest())
        )
      ).toBe("invalid_code")
    expect(
      await codeOf(
        authorize({ challenge: sent.challenge, code: guess }, authRequest())
      )
    ).toBe("rate_limited")
    for (let i = 0; i < 10_000; i++)
      await rejection(
        authorize({ email: `fresh-${i}@example.com` }, authRequest())
      )
    const before = sim.state.stats.calls.authenticate
    const after: string[] = []
    for (let i = 0; i < 5; i++)
      after.push(
        await codeOf(
          authorize({ challenge: sent.challenge, code: guess }, authRequest())
        )
      )
    const reached = sim.state.stats.calls.authenticate - before
    console.info(
      `[abuse] after 10,000 fresh-email lookups, ${reached} of 5 more guesses reached Link`
    )
    expect(reached).toBe(0)
    expect(after).toEqual(Array(5).fill("rate_limited"))
  }, 120_000)
})

describe("limits and their answer", () => {
  it("a refusal is rate_limited with a retryAfter in seconds, and Link is not called", async () => {
    const { sim, authorize } = setup({
      rateLimits: { lookupPerEmail: { points: 1, windowMs: 600_000 } },
    })
    await rejection(authorize({ email: "jo@example.com" }, authRequest()))
    const before = sim.state.stats.calls["lookup-email"]
    const error = (await rejection(
      authorize({ email: "jo@example.com" }, authRequest())
    )) as LinkSignInFailed
    expect(error).toBeInstanceOf(LinkSignInFailed)
    expect(error.code).toBe("rate_limited")
    expect(error.retryAfter).toBeGreaterThanOrEqual(1)
    expect(error.retryAfter).toBeLessThanOrEqual(1200)
    expect(sim.state.stats.calls["lookup-email"]).toBe(before)
  })
})
