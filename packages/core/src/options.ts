/**
 * The options of `createLinkSignIn()` (and of the adapters built on it): their types, defaults,
 * environment inference, and the one-time check that throws a `TypeError` naming the option at
 * fault.
 *
 * @module
 */
import { DEFAULT_API_URL, DEFAULT_TIMEOUT } from "./transport.js"
import { DEFAULT_IPV6_SUBNET, type ClientIpSource } from "./client-ip.js"
import { readLinkEnv } from "./env.js"
import {
  DEFAULT_CONCEAL_LINK_LATENCY,
  DEFAULT_CONCEAL_MIN_DURATION,
} from "./conceal.js"
import { isOnceStore, MemoryOnceStore, type OnceStore } from "./once-store.js"
import { DEFAULT_KNOWN_DEVICE_MAX_AGE } from "./known-device.js"
import {
  DEFAULT_RATE_LIMITS,
  MemoryRateLimiter,
  type RateLimiter,
  type RateLimitRule,
  type RateLimits,
} from "./rate-limit.js"

/** Options of `createLinkSignIn` (and of the adapters built on it). Every one is optional. */
export interface LoginWithLinkOptions {
  /**
   * The shop's Stripe publishable key, `pk_live_…` or `pk_test_…` (test mode).
   * @default process.env.AUTH_LINK_KEY
   */
  publishableKey?: string
  /**
   * The Login with Link API base URL. Must be `https` (plain `http` only for localhost).
   * @default process.env.AUTH_LINK_API_URL ?? "https://loginwithlink.com/api"
   */
  apiUrl?: string
  /**
   * The secret the challenge key is derived from (HKDF, own salt), or a list for rotation: the
   * first seals, every one unseals. At least 16 characters.
   * Security: anyone with it can read the Link `client_secret` inside a challenge.
   * @default process.env.AUTH_SECRET (and AUTH_SECRET_1..3, as Auth.js reads them)
   */
  secret?: string | readonly string[]
  /**
   * What the start step says for an email that is not on Link: `"invite"` answers
   * `signup_required` (reveals that the email is not on Link, as Link's own checkout does);
   * `"conceal"` answers exactly as for a known email (a decoy challenge, no SMS): the code step
   * then fails as a wrong code would, and locks after as many wrong codes as Link allows.
   *
   * Conceal hides whether an email is on Link from the shop's own pages only: anyone holding a
   * publishable key (the shop's, which is public, or their own) can ask Link's lookup directly.
   * It needs `concealSecret`.
   * @default "invite"
   */
  unknownEmail?: "invite" | "conceal"
  /**
   * Conceal mode only (and then required): the secret the decoy phones are derived from, an
   * HMAC of the normalised email. Never rotate it: a real person's phone stays the same, so a
   * decoy phone that changed when `secret` rotated would give the decoy away. It is not bound to
   * the publishable key, so a shop's environments that share it show the same decoys. At least
   * 16 characters.
   * @default process.env.AUTH_LINK_CONCEAL_SECRET
   */
  concealSecret?: string
  /**
   * Conceal mode only: the least time, in ms, a start, resend or code step takes to answer, for
   * a known and an unknown email alike, from the first request on (a decoy is also paced like the
   * Link calls measured so far). Above the time Link usually takes, every answer takes exactly
   * this long. `0` turns the floor off (for tests).
   * @default 1000
   */
  concealMinDuration?: number
  /**
   * Conceal mode only: how long, in ms, a Link call (a send, a code check) is taken to last until
   * this instance has timed one. A decoy waits about this long in place of the call, so that on a
   * fresh instance a decoy does not answer faster than a real email; real calls then replace it.
   * Set it near what Link takes from your servers.
   * @default 700
   */
  concealLinkLatency?: number
  /**
   * Whether the user a sign-in gives is marked as having a verified email (`LinkUser.emailVerified`;
   * the Auth.js provider sets Auth.js's `emailVerified` to the time of the sign-in, else `null`).
   * Security: leave it `false` unless you know more than this library does. Link proves that the
   * person holds the phone on the Link account of this email; nothing Link says shows that it ever
   * verified the mailbox. An app that links accounts by verified email would otherwise merge this
   * sign-in into an existing account of the same email: whoever opened a Link account with someone
   * else's address could take over their account there (pre-account hijacking).
   * @default false
   */
  emailVerified?: boolean
  /**
   * Where people sign up for Link. `email` and `return_to` are added to it.
   * @default new URL(apiUrl).origin + "/signup"
   */
  signupUrl?: string
  /** The `fetch` used for Link calls (tests pass the simulator's). @default globalThis.fetch */
  fetch?: typeof fetch
  /** Milliseconds before a Link call fails as `link_unavailable`. @default 10000 */
  timeout?: number
  /** Seconds a challenge (and so a code) stays valid; Link's codes last 10 minutes. @default 600 */
  challengeMaxAge?: number
  /** Seconds after a send before a resend is allowed (checked locally, no Link call). @default 30 */
  resendCooldown?: number
  /**
   * Seconds a known-device token lives (`known-device.ts`): after a sign-in the adapter keeps one
   * in an httpOnly cookie, and a start from that browser counts the per-email limits and the
   * failure lock on a key of its own, so that a stranger's tries cannot lock the person out there.
   * `0` turns known devices off. At most 400 days (browsers cap cookies there).
   * @default 7776000 (90 days)
   */
  knownDeviceMaxAge?: number
  /**
   * The rate limiter consulted before each Link call, per client IP, per (hashed) email and in
   * total, or `false` to turn limiting off (e.g. when the shop limits upstream). The in-memory
   * default counts per process: with more than one instance, pass the shared `RedisRateLimiter`.
   *
   * When `onceStore` is not given and the limiter is also a `OnceStore` (both built-in limiters
   * are), the steps keep their once-only facts in it too.
   * @default new MemoryRateLimiter()
   */
  rateLimit?: RateLimiter | false
  /**
   * The one replay guard: where the steps remember what may happen only once or only so often,
   * shared by every instance when the store is: the Link sessions that signed someone in (so that
   * one challenge signs in at most once, even if Link would accept it twice), each sign-in's last
   * send (the resend cooldown), an email's consecutive wrong codes (the `failuresPerEmail` lock)
   * and the wrong codes tried on conceal mode's decoys. Keys are namespaced and hashed; no email
   * or secret is ever stored.
   * Security: with more than one instance, pass a shared store (`RedisRateLimiter` is one), or
   * a challenge could sign in once per instance.
   * @default `rateLimit` when it is a `OnceStore`, else a `MemoryOnceStore` of this process
   */
  onceStore?: OnceStore
  /** Overrides of the limits applied. @default DEFAULT_RATE_LIMITS */
  rateLimits?: Partial<RateLimits>
  /**
   * A human check (CAPTCHA, Turnstile, hCaptcha...) for a person past a per-email limit of the
   * start and resend steps (`lookupPerEmail`, `sendPerEmail`) or locked by `failuresPerEmail`:
   * instead of a bare refusal, the step answers `human_check_required`; the page shows the check,
   * and a start or resend carrying its token (`ctx.humanToken`, the form field `human_token`) that
   * this hook accepts goes on. Called at most once per step, only past a limit; a hook that
   * throws counts as a refusal. Without it, those limits refuse with `rate_limited` (or
   * `too_many_attempts`), and anyone can keep a chosen person out of a browser they never signed in on
   * with three starts an hour (a known device has its own budget).
   *
   * @example
   * ```ts
   * verifyHuman: async (token, { clientIp }) => {
   *   if (!token) return false
   *   const res = await fetch("https://challenges.cloudflare.com/turnstile/v0/siteverify", {
   *     method: "POST",
   *     body: new URLSearchParams({ secret: TURNSTILE_SECRET, response: token, ...(clientIp && { remoteip: clientIp }) }),
   *   })
   *   return (await res.json()).success === true
   * }
   * ```
   * @default undefined (no human check)
   */
  verifyHuman?: VerifyHuman
  /**
   * Where the client IP comes from, for the per-IP limits: a function of the request, e.g.
   * `clientIpFromHeader("x-real-ip")` (a header your proxy or platform sets) or
   * `clientIpFromForwardedFor({ hops: 1 })` (the `X-Forwarded-For` entry your proxy appended).
   * Nothing is trusted by default: a header is only as honest as the proxy that writes it. Without
   * an IP, the per-email limits and the deployment-wide budgets of requests with no IP
   * (`lookupTotalNoIp`, `sendTotalNoIp`, `attemptTotalNoIp`) apply: one client can use those up for
   * every IP-less request, so in production configure a source (`warnIfNoClientIp` says so once).
   * Adapters that see the request call it (the Auth.js provider in `authorize()`); the step
   * functions take `ctx.ip` instead.
   * @default undefined (no client IP)
   */
  clientIp?: ClientIpSource
  /**
   * The IPv6 prefix length per-IP limits count under: one subscriber or server usually holds a
   * whole /64, and can pick a fresh address in it for every request. IPv4 counts per address.
   * @default 64
   */
  ipv6Subnet?: number
  /**
   * Removed: it preferred `X-Real-IP`, which a client can write itself behind a proxy that only
   * appends `X-Forwarded-For`. Use `clientIp` (`clientIpFromForwardedFor({ hops: 1 })` for
   * what `true` read as a fallback). `true` throws a `TypeError` saying so.
   * @deprecated Use `clientIp`.
   */
  trustProxyHeaders?: false
}

/** The human-check hook: whether `token` proves a person (see `LoginWithLinkOptions.verifyHuman`). */
export type VerifyHuman = (
  token: string | undefined,
  context: { step: "start" | "resend"; email: string; clientIp?: string }
) => boolean | Promise<boolean>

/** Options after checking, with every default filled in. */
export interface ResolvedOptions {
  publishableKey: string
  apiUrl: string
  secrets: readonly string[]
  unknownEmail: "invite" | "conceal"
  /** Set exactly when `unknownEmail` is `"conceal"`. */
  concealSecret: string | undefined
  concealMinDuration: number
  concealLinkLatency: number
  emailVerified: boolean
  signupUrl: string
  fetch: typeof fetch | undefined
  timeout: number
  challengeMaxAge: number
  resendCooldown: number
  knownDeviceMaxAge: number
  rateLimit: RateLimiter | false
  onceStore: OnceStore
  rateLimits: RateLimits
  verifyHuman: VerifyHuman | undefined
  clientIp: ClientIpSource | undefined
  ipv6Subnet: number
}

const checked = new WeakSet<object>()

/** Whether a value came out of {@link resolveOptions} (so it need not be checked again). */
export function isResolvedOptions(value: unknown): value is ResolvedOptions {
  return typeof value === "object" && value !== null && checked.has(value)
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"])

function fail(option: string, expected: string): never {
  throw new TypeError(`LoginWithLink: option "${option}" ${expected}`)
}

function checkUrl(option: string, value: unknown): URL {
  if (typeof value !== "string" || value.trim() === "") {
    fail(option, "must be a URL string")
  }
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    fail(option, `must be an absolute URL (got ${JSON.stringify(value)})`)
  }
  const local =
    LOOPBACK.has(url.hostname) || url.hostname.endsWith(".localhost")
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    fail(option, "must use https (http only for localhost)")
  }
  if (url.username || url.password) fail(option, "must not contain credentials")
  return url
}

function checkNumber(
  option: string,
  value: unknown,
  min: number,
  max: number
): number {
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < min ||
    value > max
  ) {
    fail(option, `must be a number from ${min} to ${max}`)
  }
  return value
}

function checkRule(option: string, value: unknown): RateLimitRule {
  if (typeof value !== "object" || value === null)
    fail(option, "must be { points, windowMs }")
  const { points, windowMs } = value as Partial<RateLimitRule>
  return {
    points: Math.floor(checkNumber(`${option}.points`, points, 1, 1e9)),
    windowMs: Math.floor(
      checkNumber(`${option}.windowMs`, windowMs, 1000, 7 * 86_400_000)
    ),
  }
}

/**
 * Check the options once and fill in defaults and environment variables.
 * Throws a `TypeError` that names the option at fault.
 */
export function resolveOptions(
  options: LoginWithLinkOptions = {}
): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("LoginWithLink: options must be an object")
  }
  const env = readLinkEnv()

  const publishableKey = options.publishableKey ?? env.publishableKey
  if (publishableKey === undefined) {
    fail("publishableKey", "is required: pass it or set AUTH_LINK_KEY")
  }
  if (
    typeof publishableKey !== "string" ||
    !/^pk_(live|test)_[A-Za-z0-9_]{1,247}$/.test(publishableKey)
  ) {
    fail(
      "publishableKey",
      "must be a Stripe publishable key (pk_live_… or pk_test_…)"
    )
  }

  const apiUrlRaw = options.apiUrl ?? env.apiUrl ?? DEFAULT_API_URL
  const apiUrlParsed = checkUrl("apiUrl", apiUrlRaw)
  if (apiUrlParsed.search || apiUrlParsed.hash) {
    fail("apiUrl", "must not have a query or fragment")
  }
  const apiUrl = apiUrlParsed.href.replace(/\/+$/, "")

  const secretRaw =
    options.secret ?? (env.secrets.length ? env.secrets : undefined)
  if (secretRaw === undefined) {
    fail("secret", "is required: pass it or set AUTH_SECRET")
  }
  const secrets = typeof secretRaw === "string" ? [secretRaw] : secretRaw
  if (
    !Array.isArray(secrets) ||
    secrets.length === 0 ||
    !secrets.every((s) => typeof s === "string" && s.length >= 16)
  ) {
    fail(
      "secret",
      "must be a string of at least 16 characters, or a non-empty list of them"
    )
  }

  const unknownEmail = options.unknownEmail ?? "invite"
  if (unknownEmail !== "invite" && unknownEmail !== "conceal") {
    fail("unknownEmail", 'must be "invite" or "conceal"')
  }

  const concealSecretRaw = options.concealSecret ?? env.concealSecret
  if (
    concealSecretRaw !== undefined &&
    (typeof concealSecretRaw !== "string" || concealSecretRaw.length < 16)
  ) {
    fail("concealSecret", "must be a string of at least 16 characters")
  }
  if (unknownEmail === "conceal" && concealSecretRaw === undefined) {
    fail(
      "concealSecret",
      'is required with unknownEmail: "conceal": pass it or set AUTH_LINK_CONCEAL_SECRET, a secret of at least 16 characters that you never rotate ' +
        "(decoy phones are derived from it: a real phone stays the same, so a decoy must too, whatever happens to AUTH_SECRET)"
    )
  }
  const concealSecret =
    unknownEmail === "conceal" ? concealSecretRaw : undefined
  const concealMinDuration = checkNumber(
    "concealMinDuration",
    options.concealMinDuration ?? DEFAULT_CONCEAL_MIN_DURATION,
    0,
    10_000
  )
  const concealLinkLatency = checkNumber(
    "concealLinkLatency",
    options.concealLinkLatency ?? DEFAULT_CONCEAL_LINK_LATENCY,
    0,
    10_000
  )
  const emailVerified = options.emailVerified ?? false
  if (typeof emailVerified !== "boolean") {
    fail("emailVerified", "must be a boolean")
  }

  const signupUrl = checkUrl(
    "signupUrl",
    options.signupUrl ?? `${apiUrlParsed.origin}/signup`
  ).href

  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    fail("fetch", "must be a function")
  }
  const timeout = checkNumber(
    "timeout",
    options.timeout ?? DEFAULT_TIMEOUT,
    1,
    120_000
  )
  const challengeMaxAge = Math.floor(
    checkNumber("challengeMaxAge", options.challengeMaxAge ?? 600, 60, 3600)
  )
  const resendCooldown = checkNumber(
    "resendCooldown",
    options.resendCooldown ?? 30,
    0,
    3600
  )

  const knownDeviceMaxAge = Math.floor(
    checkNumber(
      "knownDeviceMaxAge",
      options.knownDeviceMaxAge ?? DEFAULT_KNOWN_DEVICE_MAX_AGE,
      0,
      400 * 86_400
    )
  )

  let rateLimit: RateLimiter | false
  if (options.rateLimit === false) rateLimit = false
  else if (options.rateLimit === undefined) rateLimit = new MemoryRateLimiter()
  else if (
    typeof options.rateLimit === "object" &&
    options.rateLimit !== null &&
    typeof options.rateLimit.consume === "function"
  ) {
    rateLimit = options.rateLimit
  } else {
    fail("rateLimit", "must be a RateLimiter ({ consume(key, rule) }) or false")
  }

  let onceStore: OnceStore
  if (options.onceStore === undefined) {
    onceStore = isOnceStore(rateLimit) ? rateLimit : new MemoryOnceStore()
  } else if (isOnceStore(options.onceStore)) {
    onceStore = options.onceStore
  } else {
    fail(
      "onceStore",
      "must be a OnceStore ({ use(key, ttlMs), uses(key) }), e.g. a RedisRateLimiter"
    )
  }

  const overrides = options.rateLimits ?? {}
  if (typeof overrides !== "object" || overrides === null) {
    fail("rateLimits", "must be an object")
  }
  const rateLimits = { ...DEFAULT_RATE_LIMITS }
  for (const name of Object.keys(overrides)) {
    if (!(name in DEFAULT_RATE_LIMITS)) {
      fail(
        `rateLimits.${name}`,
        `is not a limit (known: ${Object.keys(DEFAULT_RATE_LIMITS).join(", ")})`
      )
    }
    const value = overrides[name as keyof RateLimits]
    if (value !== undefined) {
      rateLimits[name as keyof RateLimits] = checkRule(
        `rateLimits.${name}`,
        value
      )
    }
  }

  const verifyHuman = options.verifyHuman
  if (verifyHuman !== undefined && typeof verifyHuman !== "function") {
    fail(
      "verifyHuman",
      "must be a function (token, { step, email, clientIp }) => boolean | Promise<boolean>"
    )
  }

  const legacyTrust: unknown = (options as { trustProxyHeaders?: unknown })
    .trustProxyHeaders
  if (legacyTrust !== undefined && legacyTrust !== false) {
    fail(
      "trustProxyHeaders",
      "was removed: it trusted X-Real-IP, which clients can set themselves behind a proxy that only appends X-Forwarded-For. " +
        "Say where the client IP comes from instead: clientIp: clientIpFromForwardedFor({ hops: 1 }) " +
        '(one proxy that appends X-Forwarded-For), or clientIp: clientIpFromHeader("x-real-ip") (a proxy or platform that sets it, like Vercel)'
    )
  }
  const clientIp = options.clientIp
  if (clientIp !== undefined && typeof clientIp !== "function") {
    fail(
      "clientIp",
      "must be a function (request) => string | undefined, e.g. clientIpFromForwardedFor({ hops: 1 })"
    )
  }
  const ipv6Subnet = checkNumber(
    "ipv6Subnet",
    options.ipv6Subnet ?? DEFAULT_IPV6_SUBNET,
    1,
    128
  )
  if (!Number.isInteger(ipv6Subnet)) fail("ipv6Subnet", "must be an integer")

  const resolved: ResolvedOptions = {
    publishableKey,
    apiUrl,
    secrets,
    unknownEmail,
    concealSecret,
    concealMinDuration,
    concealLinkLatency,
    emailVerified,
    signupUrl,
    fetch: options.fetch,
    timeout,
    challengeMaxAge,
    resendCooldown,
    knownDeviceMaxAge,
    rateLimit,
    onceStore,
    rateLimits,
    verifyHuman,
    clientIp,
    ipv6Subnet,
  }
  checked.add(resolved)
  return resolved
}
