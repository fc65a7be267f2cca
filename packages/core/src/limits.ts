/**
 * The rate limits of the sign-in steps: before each Link call, one point of each limit of the step
 * is consumed, per client IP (when known; IPv6 per subnet), per email (its keyed digest, never in
 * clear), then the deployment-wide total, last, so that a client stopped by its own limits does not
 * use up everyone's budget. A refusal is `rate_limited` with `retryAfter`.
 *
 * @module
 */
import { ipLimitKey } from "./client-ip.js"
import { LinkSignInError } from "./errors.js"
import type { ResolvedOptions } from "./options.js"
import type { RateLimits } from "./rate-limit.js"

/** The steps that are limited: `lookup` and `send` (start, resend) and `attempt` (finish). */
export type LimitedStep = "lookup" | "send" | "attempt"

/** Consume the limits of a step; rejects with `rate_limited` when one is used up. */
export type ConsumeLimits = (
  step: LimitedStep,
  emailKey: string | undefined,
  ip: string | undefined
) => Promise<void>

/** The limits of one configuration (nothing when `rateLimit: false`). */
export function createLimits(
  options: Pick<ResolvedOptions, "rateLimit" | "rateLimits" | "ipv6Subnet">
): ConsumeLimits {
  const limiter = options.rateLimit
  return async (step, emailKey, ipInput) => {
    if (!limiter) return
    const ip = ipLimitKey(ipInput, options.ipv6Subnet)
    const checks: [keyof RateLimits, string | undefined][] = [
      [`${step}PerIp`, ip && `ip:${ip}`],
      [`${step}PerEmail`, emailKey && `email:${emailKey}`],
    ]
    if (step !== "attempt") checks.push([`${step}Total`, "all"])
    for (const [rule, subject] of checks) {
      if (!subject) continue
      const result = await limiter.consume(
        `link:${rule}:${subject}`,
        options.rateLimits[rule]
      )
      if (!result.allowed) {
        throw new LinkSignInError("rate_limited", {
          retryAfter: Math.max(1, Math.ceil(result.retryAfter)),
          // For the log: which limit (never the email or the IP).
          cause: new Error(`the ${rule} limit was reached`),
        })
      }
    }
  }
}
