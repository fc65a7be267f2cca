/**
 * Figure 7: Link vs email-OTP in better-auth. Sequential sign-ins/s through the Login with Link
 * plugin (start, then verify: lookup, send, seal, unseal, authenticate against the in-process
 * simulator) versus better-auth's own `emailOTP` plugin (send-verification-otp with a send
 * callback that keeps the OTP in memory, then sign-in/email-otp), in the same better-auth app and
 * the same database (Postgres as PGlite, in-process WASM, better-auth's own migrations), through
 * `auth.handler`, interleaved rounds of the same run. (better-auth's memory adapter is no fair
 * ground: its transactions copy the whole database, and email-OTP runs one per sign-in.) Each
 * sign-in creates a session; the people exist after the warm-up on both sides (each side its own).
 * @module
 */
import { performance } from "node:perf_hooks"
import { loginWithLink } from "@login-with-link/better-auth"
import { betterAuth } from "better-auth"
import { getMigrations } from "better-auth/db/migration"
import { emailOTP } from "better-auth/plugins"
import { Kysely } from "kysely"
import { KyselyPGlite } from "kysely-pglite"
import {
  API_URL,
  benchSimulator,
  CODE,
  GENEROUS,
  corePackage,
  PUBLISHABLE_KEY,
  SECRET,
} from "../lib/link.mjs"
import { figure, interleave, median, round } from "../lib/stats.mjs"

const ORIGIN = "http://shop.bench"
const PEOPLE = 200

/**
 * @param {{ quick?: boolean }} [options]
 */
export async function linkVsEmailOtp(options = {}) {
  const perRound = options.quick ? 60 : 250
  const rounds = options.quick ? 6 : 10
  const { fetch: simFetch } = benchSimulator({ people: PEOPLE })

  /** @type {Map<string, string>} */
  const otps = new Map()
  const { dialect, client } = new KyselyPGlite()
  const db = new Kysely({ dialect })
  const auth = betterAuth({
    baseURL: ORIGIN,
    secret: SECRET,
    database: { db, type: "postgres" },
    logger: { disabled: true },
    rateLimit: { enabled: false },
    plugins: [
      loginWithLink({
        publishableKey: PUBLISHABLE_KEY,
        apiUrl: API_URL,
        fetch: simFetch,
        // Every limit (per IP, per email, deployment-wide) out of reach: the real work, no refusal.
        rateLimits: Object.fromEntries(
          Object.keys(corePackage.DEFAULT_RATE_LIMITS).map((rule) => [
            rule,
            GENEROUS,
          ])
        ),
      }),
      emailOTP({
        async sendVerificationOTP({ email, otp }) {
          otps.set(email, otp)
        },
      }),
    ],
  })

  /**
   * @param {string} path
   * @param {unknown} body
   */
  async function post(path, body) {
    const response = await auth.handler(
      new Request(`${ORIGIN}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    )
    const answer = await response.json()
    if (!response.ok) {
      throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`)
    }
    return answer
  }

  // Each side has its own people: an email-OTP sign-in of a user Link created (not verified)
  // would revoke that user's Link account, as better-auth does for unproven access.
  let nextLink = 0
  let nextOtp = 0
  const linkEmail = () => `bench-${nextLink++ % PEOPLE}@example.com`
  const otpEmail = () => `otp-${nextOtp++ % PEOPLE}@example.com`

  async function linkSignIn() {
    const started = await post("/sign-in/link/start", { email: linkEmail() })
    await post("/sign-in/link/verify", {
      challenge: started.challenge,
      code: CODE,
    })
  }
  async function otpSignIn() {
    const address = otpEmail()
    await post("/email-otp/send-verification-otp", {
      email: address,
      type: "sign-in",
    })
    await post("/sign-in/email-otp", { email: address, otp: otps.get(address) })
  }

  /** Sign-ins per second of `signIn`, one at a time. @param {() => Promise<void>} signIn */
  async function rate(signIn) {
    const t0 = performance.now()
    for (let i = 0; i < perRound; i++) await signIn()
    return perRound / ((performance.now() - t0) / 1000)
  }

  const { runMigrations } = await getMigrations(auth.options)
  await runMigrations()

  // Warm-up: every person signs up on both sides, so the rounds measure returning sign-ins.
  for (let i = 0; i < PEOPLE; i++) await linkSignIn()
  for (let i = 0; i < PEOPLE; i++) await otpSignIn()

  const { a, b } = await interleave(
    rounds,
    () => rate(linkSignIn),
    () => rate(otpSignIn)
  )
  const ratios = a.map((x, i) => x / /** @type {number} */ (b[i]))
  await db.destroy()
  await client.close().catch(() => {})
  return figure({
    id: "link-vs-email-otp",
    title:
      "7. Link vs email-OTP in better-auth: sign-ins/s through the Link plugin vs better-auth's emailOTP, same app and database",
    value: round(median(a)),
    baseline: round(median(b)),
    unit: "sign-ins/s",
    baselineLabel: "better-auth emailOTP (OTP kept in memory)",
    goal: { op: ">=", target: 0.5 },
    details: {
      medianOfRoundRatios: round(median(ratios), 4),
      roundRatios: ratios.map((x) => round(x, 4)),
      signInsPerRound: perRound,
      rounds,
      people: PEOPLE,
      database:
        "PGlite (Postgres in WASM, in-process) through better-auth's Kysely adapter",
      link: "start + verify through auth.handler; lookup, start_verification, authenticate on the in-process simulator",
      emailOtp:
        "send-verification-otp (type sign-in) + sign-in/email-otp through auth.handler",
    },
  })
}
