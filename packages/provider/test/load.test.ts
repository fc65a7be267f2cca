/**
 * Concurrency and load over real ports on 127.0.0.1: the simulator on a port, the provider's own
 * fetch, Auth.js's `Auth()` creating the sessions. Bounded: at most 200 requests in flight.
 */
import { Auth, type AuthConfig } from "@auth/core"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { authorizeOf } from "@login-with-link/test-helpers"
import { LinkCodeSent, LinkSignInFailed } from "../src/outcome-errors.js"
import type { LoginWithLinkOptions } from "@login-with-link/core"
import { LoginWithLink } from "../src/provider.js"
import {
  clientIpFromForwardedFor,
  MemoryRateLimiter,
  resolveOptions,
} from "@login-with-link/core"
import {
  authRequest,
  rejection,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const ORIGIN = "http://shop.localhost"
const SESSION_COOKIE = "authjs.session-token"

let link: RunningSimulator
let people = 0

beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, env: {} })
})
afterAll(() => link?.close())

/**
 * The provider's steps as a shop's own server action drives them: through its `authorize()`,
 * which throws `LinkCodeSent` and `LinkSignInFailed` and resolves to the user.
 */
function stepsOf(provider: object, options: LoginWithLinkOptions) {
  const authorize = authorizeOf(provider)
  return {
    start: (email: string) => authorize({ email }, authRequest()),
    finish: (challenge: string, code: string) =>
      authorize({ challenge, code }, authRequest()),
    options: resolveOptions(options),
  }
}
type Steps = ReturnType<typeof stepsOf>

/** A shop: one options object (and so one limiter) for Auth.js and the step functions. */
function shop(extra: LoginWithLinkOptions = {}) {
  const options: LoginWithLinkOptions = {
    publishableKey: "pk_test_load",
    apiUrl: link.apiUrl,
    secret: TEST_SECRET,
    rateLimit: new MemoryRateLimiter(),
    ...extra,
  }
  const config: AuthConfig = {
    providers: [LoginWithLink(options)],
    secret: TEST_SECRET,
    trustHost: true,
    basePath: "/auth",
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  }
  return { config, steps: stepsOf(LoginWithLink(options), options) }
}

function seed(label: string): string {
  people += 1
  const email = `${label}-${people}@example.com`
  link.simulator.state.people.put({
    email,
    phone: `+1628${String(people).padStart(7, "0")}`,
    fullName: `${label} ${people}`,
  })
  return email
}

const cookieValue = (response: Response, name: string) => {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";")
    if (pair!.startsWith(`${name}=`)) return pair!.slice(name.length + 1)
  }
  return undefined
}

async function startFor(steps: Steps, email: string) {
  const sent = await rejection(steps.start(email))
  expect(sent).toBeInstanceOf(LinkCodeSent)
  return sent as LinkCodeSent
}

/** Post a challenge and code to Auth.js's callback, with a fresh CSRF token and cookie. */
async function postCode(config: AuthConfig, challenge: string, code: string) {
  const csrf = await Auth(new Request(`${ORIGIN}/auth/csrf`), config)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ")
  return Auth(
    new Request(`${ORIGIN}/auth/callback/link`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie,
      },
      body: new URLSearchParams({
        csrfToken,
        challenge,
        code,
        callbackUrl: `${ORIGIN}/account`,
      }),
    }),
    config
  )
}

async function sessionEmail(config: AuthConfig, token: string) {
  const response = await Auth(
    new Request(`${ORIGIN}/auth/session`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    }),
    config
  )
  const session = (await response.json()) as { user?: { email?: string } }
  return session.user?.email
}

/** Run `count` tasks, at most `width` at a time. */
async function bounded<T>(
  count: number,
  width: number,
  task: (i: number) => Promise<T>
): Promise<T[]> {
  const results: T[] = new Array<T>(count)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++
        results[i] = await task(i)
      }
    })
  )
  return results
}

const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>(
    (acc, code) => ((acc[code] = (acc[code] ?? 0) + 1), acc),
    {}
  )

const wrong = (i: number, right: string) => {
  const code = String(i % 1_000_000).padStart(6, "0")
  return code === right || code === "000000" ? "999999" : code
}

describe("concurrency and load", () => {
  it("200 concurrent full sign-ins for different people all succeed, each with their own session", async () => {
    // A shop expecting 200 people at once raises the deployment-wide budget above its peak.
    const { config, steps } = shop({
      rateLimits: {
        lookupTotalNoIp: { points: 1000, windowMs: 60_000 },
        sendTotalNoIp: { points: 1000, windowMs: 60_000 },
        attemptTotalNoIp: { points: 1000, windowMs: 60_000 },
      },
    })
    const emails = Array.from({ length: 200 }, () => seed("crowd"))
    const before = link.simulator.state.stats.calls.authenticate
    const sessions = await Promise.all(
      emails.map(async (email) => {
        const { challenge } = await startFor(steps, email)
        const code = link.simulator.state.outbox.latestCode(email)!
        const response = await postCode(config, challenge, code)
        expect(response.status).toBe(302)
        expect(response.headers.get("location")).toBe(`${ORIGIN}/account`)
        const token = cookieValue(response, SESSION_COOKIE)
        expect(token).toBeTruthy()
        return { email, seen: await sessionEmail(config, token!) }
      })
    )
    // No cross-talk: every session holds the person who signed in, and 200 different people.
    for (const { email, seen } of sessions) expect(seen).toBe(email)
    expect(new Set(sessions.map((s) => s.seen)).size).toBe(200)
    expect(link.simulator.state.stats.calls.authenticate - before).toBe(200)
    console.info(`[load] 200 concurrent sign-ins: 200 sessions, 200 people`)
  })

  it("one right code posted 50 times in parallel yields exactly one session", async () => {
    // No limiter: all 50 reach Link, whose session is single-use; only one of them may win.
    const { config, steps } = shop({ rateLimit: false })
    const email = seed("replay")
    const { challenge } = await startFor(steps, email)
    const code = link.simulator.state.outbox.latestCode(email)!
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => postCode(config, challenge, code))
    )
    const tokens = responses
      .map((r) => cookieValue(r, SESSION_COOKIE))
      .filter((t) => t !== undefined && t !== "")
    expect(tokens).toHaveLength(1)
    expect(await sessionEmail(config, tokens[0]!)).toBe(email)
    // Every other post went back to the sign-in page with a coded error.
    const failures = responses
      .map((r) => new URL(r.headers.get("location") ?? "", ORIGIN))
      .filter((url) => url.searchParams.get("error") === "CredentialsSignin")
      .map((url) => url.searchParams.get("code") ?? "")
    expect(failures).toHaveLength(49)
    expect(failures.every((c) => c === "challenge_expired")).toBe(true)
    console.info(
      `[load] one code x50 in parallel: 1 session, ${JSON.stringify(tally(failures))}`
    )
  })

  it("1,000 wrong codes against one person are cut off at the per-email limit", async () => {
    const { steps } = shop()
    const email = seed("guess")
    // The attacker restarts to get fresh challenges, up to the per-email send limit.
    const sends = steps.options.rateLimits.sendPerEmail.points
    const challenges: string[] = []
    for (let i = 0; i < sends; i++)
      challenges.push((await startFor(steps, email)).challenge)
    expect(
      await rejection(steps.start(email)).then(
        (e) => (e as LinkSignInFailed).code
      )
    ).toBe("rate_limited")
    const right = link.simulator.state.outbox.latestCode(email)!
    const before = link.simulator.state.stats.calls.authenticate
    const codes = await bounded(1000, 50, async (i) => {
      const error = await rejection(
        steps.finish(challenges[i % challenges.length]!, wrong(i, right))
      )
      return (error as LinkSignInFailed).code
    })
    const reachedLink = link.simulator.state.stats.calls.authenticate - before
    const limit = steps.options.rateLimits.attemptPerEmail.points
    expect(reachedLink).toBe(limit)
    const counts = tally(codes)
    expect(counts.rate_limited).toBe(1000 - limit)
    expect((counts.invalid_code ?? 0) + (counts.too_many_attempts ?? 0)).toBe(
      limit
    )
    // Even the right code is refused now: the guesser locked the door for the window.
    expect(
      await rejection(steps.finish(challenges[sends - 1]!, right)).then(
        (e) => (e as LinkSignInFailed).code
      )
    ).toBe("rate_limited")
    console.info(
      `[load] 1000 wrong codes against one person: ${reachedLink} reached Link, ${counts.rate_limited} rate_limited`
    )
  })

  it("1,000 wrong codes from one client IP against many people are cut off at the per-IP limit", async () => {
    const { config } = shop({ clientIp: clientIpFromForwardedFor({ hops: 1 }) })
    const authorize = authorizeOf(config.providers[0] as object)
    const { steps } = shop()
    const victims = Array.from({ length: 100 }, () => seed("spray"))
    const challenges = await bounded(
      100,
      50,
      async (i) => (await startFor(steps, victims[i]!)).challenge
    )
    const before = link.simulator.state.stats.calls.authenticate
    const headers = { "x-forwarded-for": "198.51.100.23" }
    const codes = await bounded(1000, 50, async (i) => {
      const error = await rejection(
        authorize(
          { challenge: challenges[i % 100], code: wrong(i + 7, "") },
          authRequest(headers)
        )
      )
      return (error as LinkSignInFailed).code
    })
    const reachedLink = link.simulator.state.stats.calls.authenticate - before
    const limit = 60 // DEFAULT_RATE_LIMITS.attemptPerIp
    expect(reachedLink).toBe(limit)
    expect(tally(codes).rate_limited).toBe(1000 - limit)
    console.info(
      `[load] 1000 wrong codes from one IP against 100 people: ${reachedLink} reached Link`
    )
  })
})
