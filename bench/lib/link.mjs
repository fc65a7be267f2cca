/**
 * What the in-process benchmarks share: a simulator with generous budgets and a pool of people,
 * a fetch bound to its handler, and the provider configured against it.
 * @module
 */
import { createSimulator, TEST_MODE_CODE } from "@login-with-link/simulator"
import { authorizeOf } from "@login-with-link/test-helpers"
// BENCH_PROVIDER_MODULE: another build of the provider (a path to its dist/index.js), to measure a
// change before it lands.
/** @type {typeof import("@login-with-link/provider")} */
export const providerPackage = await import(
  process.env.BENCH_PROVIDER_MODULE || "@login-with-link/provider"
)

/** The core: the limits, the sealed challenge (the provider exports only what Auth.js apps use). */
export const corePackage = await import("@login-with-link/core")

export const PUBLISHABLE_KEY = "pk_test_bench"
/** Never contacted: every call goes through the injected fetch. */
export const API_URL = "http://127.0.0.1:4010/api"
export const SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz"
export const CODE = TEST_MODE_CODE

/** Limits no benchmark reaches, so every call does the real work and none is refused. */
export const GENEROUS = { points: 1e9, windowMs: 60_000 }

/**
 * People `bench-<i>@example.com`, each with a distinct phone.
 * @param {number} count
 */
export function benchPeople(count) {
  return Array.from({ length: count }, (_, i) => ({
    email: `bench-${i}@example.com`,
    phone: `+1415${String(1_000_000 + i).padStart(7, "0")}`,
    fullName: `Bench Person ${i}`,
  }))
}

/**
 * An in-process simulator whose budgets never bite, and a `fetch` bound to it.
 * @param {{ people?: number }} [options]
 */
export function benchSimulator(options = {}) {
  const sim = createSimulator({
    quiet: true,
    devPages: false,
    control: true,
    people: benchPeople(options.people ?? 500),
    maxSendsPerHour: 1e9,
    maxAttempts: 1e6,
    resendCooldownMs: 0,
    requestsPerMinutePerKey: 1e9,
    requestsPerMinutePerIp: 1e9,
    env: {},
  })
  /** @type {typeof fetch} */
  const simFetch = (input, init) => sim.fetch(new Request(input, init))
  return { sim, fetch: simFetch }
}

/**
 * The provider's `authorize()` (as Auth.js calls it) against the simulator's fetch.
 * @param {typeof fetch} simFetch
 * @param {{ resendCooldown?: number, provider?: typeof import("@login-with-link/provider"), apiUrl?: string }} [options]
 *   `provider`: another build of the package, to measure a change before it lands.
 */
export function benchAuthorize(simFetch, options = {}) {
  const build = options.provider ?? providerPackage
  const { LinkCodeSent, LoginWithLink } = build
  // An older build exported its own limits (and refuses names it does not know); today's are
  // the core's.
  const DEFAULT_RATE_LIMITS =
    /** @type {{ DEFAULT_RATE_LIMITS?: Record<string, unknown> }} */ (build)
      .DEFAULT_RATE_LIMITS ?? corePackage.DEFAULT_RATE_LIMITS
  // Every limit that build knows (the deployment-wide totals included), out of the way.
  const generous = Object.fromEntries(
    Object.keys(DEFAULT_RATE_LIMITS).map((rule) => [rule, GENEROUS])
  )
  const provider = LoginWithLink({
    publishableKey: PUBLISHABLE_KEY,
    apiUrl: options.apiUrl ?? API_URL,
    secret: SECRET,
    fetch: simFetch,
    rateLimits: generous,
    resendCooldown: options.resendCooldown ?? 30,
  })
  const authorize = authorizeOf(provider)
  // Auth.js hands authorize() the incoming request; one is enough (the provider only reads it).
  const request = new Request("http://127.0.0.1:3000/api/auth/callback/link", {
    method: "POST",
  })
  return {
    /**
     * Step 1: `{ email }` -> lookup + start verification + seal; resolves to the challenge.
     * @param {string} email
     * @returns {Promise<string>}
     */
    async start(email) {
      try {
        await authorize({ email }, request)
      } catch (error) {
        if (error instanceof LinkCodeSent) return error.challenge
        throw error
      }
      throw new Error("authorize({ email }) did not send a code")
    },
    /**
     * Resend: `{ challenge, resend: "1" }` -> start verification again + seal.
     * @param {string} challenge
     * @returns {Promise<string>}
     */
    async resend(challenge) {
      try {
        await authorize({ challenge, resend: "1" }, request)
      } catch (error) {
        if (error instanceof LinkCodeSent) return error.challenge
        throw error
      }
      throw new Error("authorize({ challenge, resend }) did not send a code")
    },
    /**
     * Step 2: `{ challenge, code }` -> unseal + authenticate; resolves to the user.
     * @param {string} challenge
     * @returns {Promise<{ id: string, email: string }>}
     */
    async finish(challenge) {
      const user = /** @type {{ id: string, email: string } | null} */ (
        await authorize({ challenge, code: CODE }, request)
      )
      if (!user?.email)
        throw new Error("authorize({ challenge, code }) gave no user")
      return user
    },
  }
}

/**
 * The same three Link calls with bare fetch and no provider: what any client must at least do.
 * @param {typeof fetch} simFetch
 * @param {string} [apiUrl]
 */
export function bareLink(simFetch, apiUrl = API_URL) {
  const json = {
    "content-type": "application/json",
    accept: "application/json",
  }
  return {
    /**
     * @param {string} email
     * @returns {Promise<string>} the client_secret
     */
    async lookup(email) {
      const url = `${apiUrl}/lookup-email?email=${encodeURIComponent(email)}&STRIPE_PUBLIC_KEY=${PUBLISHABLE_KEY}`
      const res = await simFetch(url, {
        headers: { accept: "application/json" },
      })
      const body = /** @type {{ client_secret?: string }} */ (await res.json())
      if (!res.ok || !body.client_secret)
        throw new Error(`lookup: ${res.status}`)
      return body.client_secret
    },
    /**
     * @param {string} email
     * @param {string} clientSecret
     */
    async send(email, clientSecret) {
      const res = await simFetch(`${apiUrl}/start_verification`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ client_secret: clientSecret, email }),
      })
      await res.json()
      if (!res.ok) throw new Error(`start_verification: ${res.status}`)
    },
    /**
     * @param {string} email
     * @param {string} clientSecret
     */
    async authenticate(email, clientSecret) {
      const res = await simFetch(`${apiUrl}/authenticate`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({
          client_secret: clientSecret,
          email,
          code: CODE,
        }),
      })
      const body = /** @type {{ authenticationSuccessful?: boolean }} */ (
        await res.json()
      )
      if (!body.authenticationSuccessful)
        throw new Error(`authenticate: ${res.status}`)
    },
  }
}
