/**
 * Replay in depth (security issue 11, item 12): one challenge signs in at most once, even when
 * Link lets a spent `client_secret` through (the simulator's `accept_spent` fault), because the
 * steps keep finished sessions in the limiter's store: in memory, and in a real Redis shared by
 * two instances.
 */
import { Redis } from "ioredis"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { simulatedSteps } from "./steps.js"
import { unsealChallenge } from "../src/challenge.js"
import { LinkSignInError } from "../src/errors.js"
import { MemoryOnceStore, type OnceStore } from "../src/once-store.js"
import type { LoginWithLinkOptions } from "../src/options.js"
import { MemoryRateLimiter, type RateLimiter } from "../src/rate-limit.js"
import { RedisRateLimiter } from "../src/redis-rate-limiter.js"
import type { LinkCodeSentOutcome } from "../src/sign-in.js"
import { startRedis, type RedisServer } from "@login-with-link/test-helpers"
import {
  CONCEAL_SECRET,
  rejection,
  freshSimulator,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const env = freshSimulator()

function steps(options: LoginWithLinkOptions = {}) {
  return simulatedSteps(env, options)
}

type Steps = ReturnType<typeof steps>

async function signedIn(link: Steps) {
  const sent = (await link.start("jo@example.com")) as LinkCodeSentOutcome
  expect(sent.status).toBe("code_sent")
  const code = env.sim.state.outbox.latestCode("jo@example.com")!
  expect((await link.finish(sent.challenge, code)).email).toBe("jo@example.com")
  return { challenge: sent.challenge, code }
}

/** Link lets the next `count` authenticate calls through with a spent client_secret. */
const linkAcceptsSpent = (count = 1) =>
  env.sim.state.faults.add({
    route: "authenticate",
    kind: "accept_spent",
    count,
  })

async function refusedCode(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(LinkSignInError)
  return (error as LinkSignInError).code
}

describe("one challenge signs in at most once, whatever Link says", () => {
  it("the simulator's accept_spent fault does let a spent client_secret through", async () => {
    // The fault works: a client that keeps nothing (here, a second deployment with its own
    // memory) would sign in twice. This is what the once store is for.
    const first = steps()
    const { challenge, code } = await signedIn(first)
    linkAcceptsSpent()
    const stateless = steps()
    expect((await stateless.finish(challenge, code)).email).toBe(
      "jo@example.com"
    )
  })

  for (const [name, make] of [
    [
      "no limiter (rateLimit: false): the steps' own memory",
      () => false as const,
    ],
    ["MemoryRateLimiter", () => new MemoryRateLimiter()],
  ] as const) {
    it(`a replayed challenge and code are refused with challenge_expired (${name})`, async () => {
      const link = steps({ rateLimit: make() })
      const { challenge, code } = await signedIn(link)
      linkAcceptsSpent(3)
      const calls = env.sim.state.stats.calls.authenticate
      expect(await refusedCode(link.finish(challenge, code))).toBe(
        "challenge_expired"
      )
      // Link would have said yes; the refusal is ours, before any Link call.
      expect(env.sim.state.stats.calls.authenticate).toBe(calls)
      expect(await refusedCode(link.finish(challenge, code))).toBe(
        "challenge_expired"
      )
    })
  }

  it("parallel finishes of one challenge Link would all accept give exactly one user", async () => {
    const link = steps({ rateLimit: new MemoryRateLimiter() })
    const { challenge, code } = await signedIn(link)
    linkAcceptsSpent(20)
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => link.finish(challenge, code))
    )
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(0)
    // And from the very first sign-in on, in parallel:
    const sent = (await link.start("alex@example.com")) as LinkCodeSentOutcome
    const fresh = env.sim.state.outbox.latestCode("alex@example.com")!
    linkAcceptsSpent(20)
    const racing = await Promise.allSettled(
      Array.from({ length: 20 }, () => link.finish(sent.challenge, fresh))
    )
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1)
  })

  it("the onceStore option is the one replay guard: two deployments that share only it sign in once", async () => {
    const shared = new MemoryOnceStore()
    const uses: string[] = []
    const spy: OnceStore = {
      use: (key, ttl) => (uses.push(key), shared.use(key, ttl)),
      uses: (key) => shared.uses(key),
    }
    // Each has its own limiter (a OnceStore too): the option wins over it.
    const first = steps({ rateLimit: new MemoryRateLimiter(), onceStore: spy })
    const { challenge, code } = await signedIn(first)
    expect(uses.filter((key) => key.startsWith("link:spent:"))).toEqual([
      expect.stringMatching(/^link:spent:[0-9a-f]{32}$/),
    ])
    linkAcceptsSpent(3)
    const second = steps({ rateLimit: new MemoryRateLimiter(), onceStore: spy })
    expect(await refusedCode(second.finish(challenge, code))).toBe(
      "challenge_expired"
    )
    // Without the shared store, the second deployment would have let Link's yes through.
    const alone = steps({ rateLimit: new MemoryRateLimiter() })
    expect((await alone.finish(challenge, code)).email).toBe("jo@example.com")
  })

  it("a onceStore that is not one is refused at start-up, naming the option", () => {
    expect(() =>
      steps({ onceStore: { use: async () => 1 } as unknown as OnceStore })
    ).toThrow(/option "onceStore" must be a OnceStore/)
  })

  it("a resend of a finished sign-in is refused without asking Link", async () => {
    const link = steps({ resendCooldown: 0 })
    const { challenge } = await signedIn(link)
    const sends = env.sim.state.stats.calls.start_verification
    expect(await refusedCode(link.resend(challenge))).toBe("challenge_expired")
    expect(env.sim.state.stats.calls.start_verification).toBe(sends)
  })
})

describe("MemoryOnceStore", () => {
  it("keeps a key exactly ttlMs from its first use (later uses do not extend it), then forgets it", async () => {
    let now = 1_000_000
    const store = new MemoryOnceStore({ now: () => now })
    expect(await store.use("k", 60_000)).toBe(1)
    now += 59_999
    expect(await store.use("k", 60_000)).toBe(2)
    expect(await store.uses("k")).toBe(2)
    now += 1
    expect(await store.uses("k")).toBe(0)
    expect(await store.use("k", 60_000)).toBe(1)
  })

  it("never forgets a live key to make room: when full of live keys it refuses (fail closed)", async () => {
    let now = 0
    const store = new MemoryOnceStore({ maxKeys: 3, now: () => now })
    for (const key of ["a", "b", "c"]) await store.use(key, 1000)
    await expect(store.use("d", 1000)).rejects.toThrow(/full/)
    expect(await store.uses("a")).toBe(1)
    now = 1000 // all expired: swept to make room
    expect(await store.use("d", 1000)).toBe(1)
    expect(store.size).toBe(1)
  })
})

describe("with Redis, shared by two instances", () => {
  let server: RedisServer
  const clients: Redis[] = []

  async function connected(): Promise<Redis> {
    const client = new Redis({
      port: server.port,
      host: "127.0.0.1",
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    })
    client.on("error", () => {})
    clients.push(client)
    await client.connect()
    return client
  }

  beforeAll(async () => {
    server = await startRedis()
  })

  afterAll(async () => {
    for (const client of clients) client.disconnect()
    await server?.stop()
  })

  it("a challenge finished on one instance is refused on the other, though Link accepts it", async () => {
    const a = steps({
      rateLimit: new RedisRateLimiter({ storeClient: await connected() }),
    })
    const b = steps({
      rateLimit: new RedisRateLimiter({ storeClient: await connected() }),
    })
    const { challenge, code } = await signedIn(a)
    linkAcceptsSpent()
    expect(await refusedCode(b.finish(challenge, code))).toBe(
      "challenge_expired"
    )
    // Redis holds a hash of the session, never the client_secret, with an expiry.
    const admin = await connected()
    const keys = await admin.keys("*once:link:spent:*")
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(/^lwl-rl:once:link:spent:[0-9a-f]{32}$/)
    const { clientSecret } = await unsealChallenge(challenge, {
      secret: TEST_SECRET,
      binding: `${TEST_KEY} http://link.localhost/api`,
    })
    expect(clientSecret).toBeTruthy()
    expect(keys[0]).not.toContain(clientSecret!)
    const ttl = await admin.pttl(keys[0]!)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual((600 + 60) * 1000)
  })

  it("a conceal-mode decoy locks after Link's count across two instances", async () => {
    const options = {
      unknownEmail: "conceal",
      concealSecret: CONCEAL_SECRET,
      concealMinDuration: 0,
      concealLinkLatency: 0,
    } as const
    const a = steps({
      ...options,
      rateLimit: new RedisRateLimiter({ storeClient: await connected() }),
    })
    const b = steps({
      ...options,
      rateLimit: new RedisRateLimiter({ storeClient: await connected() }),
    })
    const sent = (await a.start("nobody@example.com")) as LinkCodeSentOutcome
    const answers = []
    for (let i = 0; i < 6; i++) {
      answers.push(
        await refusedCode((i % 2 ? a : b).finish(sent.challenge, "123456"))
      )
    }
    expect(answers).toEqual([
      ...Array.from({ length: 5 }, () => "invalid_code"),
      "too_many_attempts",
    ])
  })

  it("counts uses atomically: 50 parallel first uses from two instances, exactly one is first", async () => {
    const a = new RedisRateLimiter({ storeClient: await connected() })
    const b = new RedisRateLimiter({ storeClient: await connected() })
    const counts = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? a : b).use("link:spent:parallel", 60_000)
      )
    )
    expect(counts.filter((n) => n === 1)).toHaveLength(1)
    expect([...counts].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1)
    )
    expect(await a.uses("link:spent:parallel")).toBe(50)
    expect(await b.uses("link:never-used")).toBe(0)
  })

  it("while Redis is away: remembered in memory (insurance), or refused (insurance: false)", async () => {
    const dead = new Redis({
      port: 1,
      host: "127.0.0.1",
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    })
    dead.on("error", () => {})
    clients.push(dead)
    const insured = new RedisRateLimiter({ storeClient: dead })
    expect(await insured.use("link:spent:k", 60_000)).toBe(1)
    expect(await insured.use("link:spent:k", 60_000)).toBe(2)
    expect(await insured.uses("link:spent:k")).toBe(2)
    const strict = new RedisRateLimiter({ storeClient: dead, insurance: false })
    await expect(strict.use("link:spent:k", 60_000)).rejects.toThrow()
    // A sign-in then fails closed: link_unavailable, no user, though Link said yes.
    const store: RateLimiter & OnceStore = {
      consume: async () => ({ allowed: true }),
      use: (key, ttlMs) => strict.use(key, ttlMs),
      uses: (key) => strict.uses(key),
    }
    const link = steps({ rateLimit: store })
    // The start reads the email's failure lock first: refused before any Link call, no SMS.
    expect(await refusedCode(link.start("jo@example.com"))).toBe(
      "link_unavailable"
    )
    expect(env.sim.state.outbox.latestCode("jo@example.com")).toBeFalsy()
    const healthy = steps({ rateLimit: new MemoryRateLimiter() })
    const sent = (await healthy.start("jo@example.com")) as LinkCodeSentOutcome
    const code = env.sim.state.outbox.latestCode("jo@example.com")!
    expect(await refusedCode(link.finish(sent.challenge, code))).toBe(
      "link_unavailable"
    )
  })
})
