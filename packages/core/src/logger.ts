/**
 * A quiet logger for sign-in outcomes, shaped as Auth.js's `logger` option (`error(error)`,
 * `warn(code)`) and usable on its own. Auth.js logs every error `authorize()` throws, with a stack,
 * including the ones that say "code sent" or "wrong code". This logger keeps those expected
 * outcomes out of the error log (signs of abuse become one-line warnings) and still logs real
 * failures (Link unavailable, with the upstream detail; anything else, with its stack). It knows a
 * sign-in outcome by its code (`linkCodeInfo[code].log`), also when Auth.js has wrapped it in a
 * `CallbackRouteError` (two copies of `@auth/core`).
 *
 * Link answering outside its documented behaviour (an answer of an unexpected shape, a spent
 * challenge accepted again) is logged once per minute per reason, with how many like it were not
 * logged: the API may change at any time, and then every request would say the same thing. No
 * line carries a secret, a code, an email or a Link URL (the lookup's has the email in its query).
 *
 * @module
 */
import { linkCodeInfo } from "./code-info.js"
import { isLinkSignInCode, type LinkSignInCode } from "./codes.js"
import { isLinkSignInError } from "./errors.js"

/** Where log lines go. */
export interface LinkLogSink {
  error(...data: unknown[]): void
  warn(...data: unknown[]): void
  debug(...data: unknown[]): void
}

/** Options of {@link createLinkLogger}. */
export interface LinkLoggerOptions {
  /** Where lines go. @default console */
  sink?: LinkLogSink
  /** Also log routine outcomes (code sent, wrong code…) as one-line debug messages. @default false */
  verbose?: boolean
  /** The clock, in ms, for the once-a-minute lines. @default Date.now */
  now?: () => number
}

/** Codes of a Link that answered outside its documented behaviour: logged once per minute per reason. */
const DRIFT_CODES: ReadonlySet<unknown> = new Set([
  "LWL_LINK_MALFORMED",
  "LWL_LINK_REPLAYED",
])
/** How often one reason of drift is logged, in ms. */
export const DRIFT_LOG_INTERVAL_MS = 60_000
/** Reasons remembered at most (the oldest is forgotten first). */
const DRIFT_REASONS = 100

/**
 * The part of Auth.js's `logger` option this provides (`debug` stays Auth.js's own). A type alias,
 * not an interface, so it is assignable to Auth.js's `Partial<LoggerInstance>`.
 */
export type LinkLogger = {
  error(error: Error): void
  warn(code: string): void
}

interface MaybeAuthError extends Error {
  type?: unknown
  code?: unknown
  cause?: unknown
}

/** The Auth.js error types our codes travel in: the code path's, and the OAuth path's. */
const CODED_TYPES: ReadonlySet<unknown> = new Set([
  "CredentialsSignin",
  "OAuthCallbackError",
])

/**
 * A sign-in outcome or failure: this package's error, or an Auth.js `CredentialsSignin` (or the
 * OAuth provider's `OAuthCallbackError`) with one of our codes.
 */
function signInCode(error: unknown): LinkSignInCode | undefined {
  if (isLinkSignInError(error)) return error.code
  const err = error as MaybeAuthError | undefined
  if (CODED_TYPES.has(err?.type) && isLinkSignInCode(err?.code)) {
    return err.code
  }
  return undefined
}

/** Auth.js keeps what went wrong in `cause.err` (and wraps errors of another copy that way). */
function causeOf(error: MaybeAuthError): unknown {
  const cause = error.cause
  if (cause && typeof cause === "object" && "err" in cause) return cause.err
  return cause
}

function describe(value: unknown): string {
  if (!(value instanceof Error)) return ""
  const extra = value as Error & { code?: unknown; status?: unknown }
  const parts = [value.name]
  if (typeof extra.code === "string") parts.push(extra.code)
  if (typeof extra.status === "number") parts.push(`status ${extra.status}`)
  return `${parts.join(" ")}: ${value.message}`
}

/**
 * Create an Auth.js logger that is quiet about expected sign-in outcomes.
 *
 * @example
 * ```ts
 * NextAuth({ logger: createLinkLogger({ verbose: true }), providers: [LoginWithLink()] })
 * ```
 */
export function createLinkLogger(options: LinkLoggerOptions = {}): LinkLogger {
  // The logger's whole job is writing lines; the sink is injectable for tests and log shippers.
  // Looked up on each call, so a console replaced later (tests, log shippers) is honoured.
  const out = (): LinkLogSink => options.sink ?? console
  const now = options.now ?? Date.now
  /** Per reason: when it was last logged, and how many like it were not logged since. */
  const drift = new Map<string, { at: number; skipped: number }>()

  /** Log drift once per minute per reason; true when the error was drift (logged or not). */
  function logDrift(code: LinkSignInCode, cause: unknown): boolean {
    const detail = cause as { code?: unknown } | undefined
    if (!(cause instanceof Error) || !DRIFT_CODES.has(detail?.code))
      return false
    const reason = describe(cause)
    const time = now()
    const seen = drift.get(reason)
    if (seen && time - seen.at < DRIFT_LOG_INTERVAL_MS) {
      seen.skipped += 1
      return true
    }
    const skipped = seen?.skipped ?? 0
    drift.delete(reason)
    drift.set(reason, { at: time, skipped: 0 })
    if (drift.size > DRIFT_REASONS) {
      const oldest = drift.keys().next().value
      if (oldest !== undefined) drift.delete(oldest)
    }
    const more = skipped
      ? ` (${skipped} more like it since the last such line)`
      : ""
    out().error(
      `[auth][error] ${code}: ${reason}${more}; logged at most once a minute`
    )
    return true
  }

  return {
    error(error: Error) {
      let err = error as MaybeAuthError
      let code = signInCode(err)
      // Another copy of @auth/core: next-auth wrapped our error in a CallbackRouteError.
      if (code === undefined && err?.type === "CallbackRouteError") {
        const inner = causeOf(err)
        const innerCode = signInCode(inner)
        if (innerCode !== undefined) {
          err = inner as MaybeAuthError
          code = innerCode
        }
      }
      if (code !== undefined) {
        if (logDrift(code, causeOf(err))) return
        const level = linkCodeInfo[code].log
        if (level === "routine") {
          if (options.verbose) out().debug(`[auth][link] ${code}`)
          return
        }
        if (level === "notable") {
          const detail = describe(causeOf(err))
          out().warn(`[auth][link] ${code}${detail ? ` (${detail})` : ""}`)
          return
        }
        // link_unavailable: a real failure, logged with the upstream detail (no secrets in it).
        const cause = causeOf(err)
        const detail = describe(cause)
        out().error(
          `[auth][error] link_unavailable${detail ? `: ${detail}` : ""}`
        )
        // Not an upstream failure (no HTTP status): a bug somewhere, so the stack is worth having.
        if (
          cause instanceof Error &&
          typeof (cause as { status?: unknown }).status !== "number" &&
          cause.stack
        ) {
          out().error(`[auth][cause]: ${cause.stack}`)
        }
        return
      }
      // Anything else: as Auth.js's default logger does, with the stack.
      const name = typeof err?.type === "string" ? err.type : err?.name
      out().error(`[auth][error] ${name}: ${err?.message}`)
      const cause = causeOf(err)
      if (cause instanceof Error && cause.stack)
        out().error(`[auth][cause]: ${cause.stack}`)
      else if (err?.stack) out().error(err.stack)
    },
    warn(code: string) {
      out().warn(`[auth][warn][${code}] Read more: https://warnings.authjs.dev`)
    },
  }
}

/**
 * The quiet logger with its defaults: `NextAuth({ logger: linkLogger, … })`.
 * Routine outcomes are not logged; rate limits, lockouts and refused challenges are one-line
 * warnings; Link being unavailable and every other error are logged as errors.
 */
export const linkLogger: LinkLogger = createLinkLogger()
