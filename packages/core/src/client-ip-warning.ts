/**
 * The start-up warning for a deployment that limits without knowing who asks: in production, with
 * no client IP source, every request draws on the IP-less budgets (`lookupTotalNoIp`,
 * `sendTotalNoIp`, `attemptTotalNoIp`), so one client can use them up for everyone whose IP is not
 * known. Adapters call {@link warnIfNoClientIp} once when they are set up.
 *
 * @module
 */
import { readEnvVar } from "./env.js"

/** Options of {@link warnIfNoClientIp}. */
export interface NoClientIpWarningOptions {
  /** Where the line goes (e.g. your logger's `warn`). @default console.warn */
  warn?: (message: string) => void
  /** Whether this is production. @default process.env.NODE_ENV === "production" */
  production?: boolean
  /** What to call the option in the message (an adapter's own name for it). @default "clientIp" */
  option?: string
}

/** The line {@link warnIfNoClientIp} writes. */
export const NO_CLIENT_IP_WARNING =
  "[login-with-link][warn] No client IP source is configured: per-IP limits are off, and every sign-in draws on the IP-less budgets " +
  "(lookupTotalNoIp, sendTotalNoIp, attemptTotalNoIp), which one client can use up for everyone. " +
  "Say where the client IP comes from: {option}: clientIpFromForwardedFor({ hops: 1 }) behind one proxy that appends X-Forwarded-For, " +
  'or clientIpFromHeader("x-real-ip") on a platform that sets it.'

/**
 * The once-per-process flag lives on `globalThis` under a registered symbol, not in this module:
 * a bundler can load this module more than once in one process (Next.js puts `instrumentation.ts`
 * and the app's routes in separate server bundles, each with its own copy), and the warning is
 * about the process, not about one copy.
 */
const WARNED = Symbol.for("@login-with-link/core.noClientIpWarned")
type WarnedFlag = { [WARNED]?: true }

/**
 * Warn once per process (however many copies of this module the process loaded), in production, when no client IP source is configured (`source` is
 * `undefined`, `null` or `false`). Call it where the adapter is set up, with whatever stands for
 * its source (the `clientIp` option, or the socket address the framework gives).
 *
 * @returns whether it warned now.
 * @example
 * ```ts
 * const link = createLinkSignIn(options)
 * warnIfNoClientIp(link.options.clientIp, { warn: (line) => logger.warn(line) })
 * ```
 */
export function warnIfNoClientIp(
  source: unknown,
  options: NoClientIpWarningOptions = {}
): boolean {
  if (source !== undefined && source !== null && source !== false) return false
  const production =
    options.production ?? readEnvVar("NODE_ENV") === "production"
  const flag = globalThis as WarnedFlag
  if (!production || flag[WARNED]) return false
  flag[WARNED] = true
  // The line's whole point is to be seen at start-up; the sink is injectable.
  const warn =
    options.warn ?? ((line: string) => globalThis.console?.warn(line))
  warn(NO_CLIENT_IP_WARNING.replace("{option}", options.option ?? "clientIp"))
  return true
}
