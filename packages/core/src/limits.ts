/**
 * The rate limits of the sign-in steps: before each Link call, one point of each limit of the step
 * is consumed, per client IP (when known; IPv6 per subnet), per email (its keyed digest, never in
 * clear), then the deployment-wide total, last, so that a client stopped by its own limits does not
 * use up everyone's budget. Requests with a known client IP and without one draw on separate
 * totals, so an IP-less flood cannot lock identified clients out; conceal mode's decoy sends draw
 * on their own (`decoyTotal`). A refusal is `rate_limited` with `retryAfter`; past a per-email
 * limit of the start and resend steps, with a `verifyHuman` hook, it is `human_check_required`.
 *
 * Also here: the per-email lock after consecutive wrong codes (`failuresPerEmail`), kept in the
 * once store.
 *
 * @module
 */
import { ipLimitKey } from "./client-ip.js"
import { LinkSignInError } from "./errors.js"
import { onceKey, type OnceStore } from "./once-store.js"
import type { ResolvedOptions } from "./options.js"
import type { RateLimits } from "./rate-limit.js"

/** The steps that are limited: `lookup` and `send` (start, resend) and `attempt` (finish). */
export type LimitedStep = "lookup" | "send" | "attempt"

/** Who a step's limits count against. */
export interface LimitSubject {
  /** The email's rate-limit key (undefined when nothing is limited). */
  emailKey: string | undefined
  /** The client IP, when known. */
  ip: string | undefined
  /** A conceal-mode decoy send: counted against `decoyTotal`, not the real send totals. */
  decoy?: boolean
  /**
   * Past a per-email limit of the start and resend steps: whether a human check passes (the
   * `verifyHuman` hook, asked at most once per request). Absent when no hook is configured.
   */
  human?: (() => Promise<boolean>) | undefined
}

/** Consume the limits of a step; rejects with `rate_limited` (or `human_check_required`). */
export type ConsumeLimits = (
  step: LimitedStep,
  subject: LimitSubject
) => Promise<void>

/** Why a limit refused, for the log (never the email or the IP). */
export class LimitReached extends Error {
  override name = "LimitReached"
  /** The limit, as named in `DEFAULT_RATE_LIMITS`. */
  readonly rule: keyof RateLimits
  constructor(rule: keyof RateLimits) {
    super(`the ${rule} limit was reached`)
    this.rule = rule
  }
}

const HUMAN_CHECKED_RULES: ReadonlySet<keyof RateLimits> = new Set([
  "lookupPerEmail",
  "sendPerEmail",
])

/** The deployment-wide budget a step draws on. */
function totalRule(step: LimitedStep, subject: LimitSubject): keyof RateLimits {
  if (step === "send" && subject.decoy) return "decoyTotal"
  return subject.ip === undefined ? `${step}TotalNoIp` : `${step}Total`
}

/** The limits of one configuration (nothing when `rateLimit: false`). */
export function createLimits(
  options: Pick<ResolvedOptions, "rateLimit" | "rateLimits" | "ipv6Subnet">
): ConsumeLimits {
  const limiter = options.rateLimit
  return async (step, subject) => {
    if (!limiter) return
    const ip = ipLimitKey(subject.ip, options.ipv6Subnet)
    const checks: [keyof RateLimits, string | undefined][] = [
      [`${step}PerIp`, ip && `ip:${ip}`],
      [`${step}PerEmail`, subject.emailKey && `email:${subject.emailKey}`],
      [totalRule(step, { ...subject, ip }), "all"],
    ]
    for (const [rule, key] of checks) {
      if (!key) continue
      const result = await limiter.consume(
        `link:${rule}:${key}`,
        options.rateLimits[rule]
      )
      if (result.allowed) continue
      if (subject.human && HUMAN_CHECKED_RULES.has(rule)) {
        if (await subject.human()) continue
        throw new LinkSignInError("human_check_required", {
          cause: new LimitReached(rule),
        })
      }
      throw new LinkSignInError("rate_limited", {
        retryAfter: Math.max(1, Math.ceil(result.retryAfter)),
        cause: new LimitReached(rule),
      })
    }
  }
}

/**
 * The per-email lock after `failuresPerEmail.points` wrong codes with no sign-in in between,
 * across challenges, for `failuresPerEmail.windowMs` from the first of them. A sign-in resets the
 * count (it moves the email to a fresh counter: the once store only counts up).
 */
export interface FailureLock {
  /** Whether the email is locked now. */
  locked(emailKey: string): Promise<boolean>
  /** The wrong codes counted for the email now; it is locked from `points` on. */
  failures(emailKey: string): Promise<number>
  /** How many wrong codes lock an email (`failuresPerEmail.points`). */
  readonly points: number
  /** Count one wrong code. */
  fail(emailKey: string): Promise<void>
  /** A sign-in: the count starts again from zero. */
  reset(emailKey: string): Promise<void>
  /** The refusal while locked (`too_many_attempts`, the lock's length as `retryAfter`). */
  refusal(): LinkSignInError
}

/** The failure lock of one configuration, or `undefined` when nothing is limited. */
export function createFailureLock(
  options: Pick<ResolvedOptions, "rateLimit" | "rateLimits">,
  store: OnceStore
): FailureLock | undefined {
  if (!options.rateLimit) return undefined
  const { points, windowMs } = options.rateLimits.failuresPerEmail
  // The generation key outlives every counter of the generation before it.
  const resetTtl = 2 * windowMs
  const counter = async (emailKey: string) => {
    const generation = await store.uses(onceKey("failures-reset", emailKey))
    return onceKey("failures", `${emailKey}:${generation}`)
  }
  const failures = async (emailKey: string) =>
    store.uses(await counter(emailKey))
  return {
    points,
    failures,
    async locked(emailKey) {
      return (await failures(emailKey)) >= points
    },
    async fail(emailKey) {
      await store.use(await counter(emailKey), windowMs)
    },
    async reset(emailKey) {
      await store.use(onceKey("failures-reset", emailKey), resetTtl)
    },
    refusal() {
      return new LinkSignInError("too_many_attempts", {
        // The store does not say how much of the lock is left: its whole length, an upper bound.
        retryAfter: Math.ceil(windowMs / 1000),
        cause: new LimitReached("failuresPerEmail"),
      })
    },
  }
}
