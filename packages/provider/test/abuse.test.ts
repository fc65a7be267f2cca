/**
 * The attackers of docs/security.md against the provider's rate limits, with the in-process
 * simulator's own limits raised out of the way, so that what stops them is the provider: the
 * email enumerator (lookups), the SMS bomber (sends, start and resend together), the code guesser
 * (attempts), each per client IP and per (hashed) email, and the client IP taken from proxy
 * headers only when the shop says so.
 */
import { createSimulator } from "@login-with-link/simulator"
import { describe, expect, it } from "vitest"
import { LinkCodeSent, LinkSignInError } from "../src/outcome-errors.js"
import type { LoginWithLinkOptions } from "@login-with-link/core"
import { LoginWithLink } from "../src/provider.js"
import { DEFAULT_RATE_LIMITS, MemoryRateLimiter } from "@login-with-link/core"
import {
  authRequest,
  rejection,
  TEST_KEY,
  TEST_SECRET,
} from "../../core/test/utils.js"

type Authorize = (credentials: unknown, request: Request) => Promise<unknown>

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
  const authorize = (
    provider as unknown as { options: { authorize: Authorize } }
  ).options.authorize
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

describe("the SMS bomber", () => {
  it("gets at most sendPerEmail codes sent to a victim, from any number of IPs, start and resend together", async () => {
    const { sim, authorize } = setup({ trustProxyHeaders: true })
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
    const { sim, authorize, seed } = setup({ trustProxyHeaders: true })
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
    const { sim, authorize } = setup({ trustProxyHeaders: true })
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
    const { sim, authorize } = setup({ trustProxyHeaders: true })
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
    const { sim, authorize } = setup({ trustProxyHeaders: true })
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
    const { sim, authorize, seed } = setup({ trustProxyHeaders: true })
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
      trustProxyHeaders: true,
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

  it("comes from X-Real-IP first, and a header that is not an IP is ignored", async () => {
    const { authorize } = setup({
      trustProxyHeaders: true,
      rateLimits: { lookupPerIp: { points: 1, windowMs: 60_000 } },
    })
    const real = { "x-real-ip": "198.51.100.60", "x-forwarded-for": "10.1.1.1" }
    expect(
      await codeOf(authorize({ email: "a1@example.com" }, authRequest(real)))
    ).toBe("signup_required")
    expect(
      await codeOf(
        authorize(
          { email: "a2@example.com" },
          authRequest({ ...real, "x-forwarded-for": "10.1.1.2" })
        )
      )
    ).toBe("rate_limited")
    // Garbage in the header: no IP, so no per-IP limit (the per-email limits still apply).
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
            authRequest({ "x-real-ip": junk })
          )
        )
      ).toBe("signup_required")
    }
  })

  it("is never read from headers unless trustProxyHeaders is set", async () => {
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
    const authorize = (
      provider as unknown as { options: { authorize: Authorize } }
    ).options.authorize
    await rejection(
      authorize(
        { email: "jo@example.com" },
        authRequest({
          "x-real-ip": "198.51.100.1",
          "x-forwarded-for": "198.51.100.2",
        })
      )
    )
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.some((k) => k.includes(":ip:"))).toBe(false)
  })
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
    )) as LinkSignInError
    expect(error).toBeInstanceOf(LinkSignInError)
    expect(error.code).toBe("rate_limited")
    expect(error.retryAfter).toBeGreaterThanOrEqual(1)
    expect(error.retryAfter).toBeLessThanOrEqual(1200)
    expect(sim.state.stats.calls["lookup-email"]).toBe(before)
  })
})
