/**
 * Conceal mode (`unknownEmail: "conceal"`): for an email that is not on Link, every step answers
 * as it would for a known one, so the shop's pages do not tell whether an email is on Link.
 *
 * - The start and resend steps give a decoy challenge: a random session id in place of a
 *   `client_secret` (the same on every resend, as a real challenge keeps its secret), and a
 *   redacted phone shaped like Link's. No SMS is sent. Every challenge is padded to one length
 *   (`challenge.ts`), so a decoy is as long as a real one from the first request on.
 * - The decoy phone is an HMAC of the normalised email under `concealSecret`, a secret that never
 *   rotates and is not bound to the publishable key: the same email shows the same phone before
 *   and after `secret` rotates, as a real phone does. It is not the same between two shops (each
 *   has its own `concealSecret`): a phone the same at every shop would have to come from a
 *   function anyone can compute, and then anyone could compute an email's decoy and recognise it.
 *   Comparing shops tells no more than a shop in the default invite mode, or Link itself, does.
 * - The code step fails as a wrong code does, and after `LINK_MAX_ATTEMPTS` wrong codes it
 *   answers `too_many_attempts`, then so does a resend, as Link does for a real session. The
 *   count is kept in the once store (shared with Redis) for `LINK_SESSION_TTL_MS` (`sessions.ts`).
 * - No answer carries `attemptsLeft` (Link says it for real sessions only), nor a `retryAfter` on
 *   `too_many_attempts`.
 * - Every step, for a known or an unknown email, takes at least `concealMinDuration` from the
 *   first request; a decoy is also paced like the Link calls measured so far, and on a fresh
 *   instance like `concealLinkLatency`, the configured seed.
 * - The limits, the resend cooldown and the per-email failure lock count decoys as real sessions
 *   (decoy sends against their own total, `decoyTotal`), so their answers are the same.
 *
 * What conceal cannot hide: anyone holding a publishable key can call Link's lookup directly, so
 * it hides existence from the shop's pages only.
 *
 * @module
 */
import { isLinkSignInError, LinkSignInError } from "./errors.js"
import { LimitReached } from "./limits.js"
import { hkdfKey } from "./hkdf.js"

/** The default least time a step takes in conceal mode, in ms. */
export const DEFAULT_CONCEAL_MIN_DURATION = 1000
/** The default time a Link call is taken to last before one was timed, in ms. */
export const DEFAULT_CONCEAL_LINK_LATENCY = 700

/**
 * A moving average of how long a Link call takes, to pace the decoys. It starts from a seed (one
 * sample's worth), so that a fresh instance paces a decoy like a Link call, not instantly.
 */
export class Latency {
  #value: number
  #samples: number
  constructor(seed = 0) {
    this.#value = Math.max(0, seed)
    this.#samples = seed > 0 ? 1 : 0
  }
  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.#samples += 1
    const weight = this.#samples < 10 ? 1 / this.#samples : 0.1
    this.#value += (Math.min(ms, 5000) - this.#value) * weight
  }
  /** A delay near the average (the seed until something was timed), with jitter. */
  delay(): number {
    return this.#samples === 0 ? 0 : this.#value * (0.8 + Math.random() * 0.4)
  }
  /** Wait about as long as the call takes. */
  pace(): Promise<void> {
    return sleep(this.delay())
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0
    ? new Promise<void>((resolve) => setTimeout(resolve, ms))
    : Promise.resolve()
}

const ALPHABET =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

const encoder = new TextEncoder()
const DECOY_PHONE_SALT = encoder.encode("login-with-link/decoy-phone/v1")

/** What the steps need to answer for an unknown email as for a known one. */
export interface Concealment {
  /** A decoy's random session id, in place of a `client_secret`. */
  sessionId(): string
  /** A redacted phone for an email, shaped like Link's (`+3*********90`), the same each time. */
  decoyPhone(email: string): Promise<string>
  /** How long `start_verification` takes, to pace a decoy send. */
  readonly send: Latency
  /** How long `authenticate` takes, to pace a decoy code check. */
  readonly authenticate: Latency
  /** Wait until a step that began at `startedAt` (ms) has taken at least the floor. */
  settle(startedAt: number): Promise<void>
}

/** Create the decoys of one sign-in configuration. */
export function createConcealment(options: {
  /** The never-rotated secret of the decoy phones (undefined outside conceal mode). */
  concealSecret: string | undefined
  /** The least time a step takes, in ms. */
  minDuration: number
  /** How long a Link call is taken to last until one was timed, in ms. */
  linkLatency: number
}): Concealment {
  let phoneKey: Promise<CryptoKey> | undefined
  const key = () =>
    (phoneKey ??= (async () => {
      if (options.concealSecret === undefined) {
        throw new Error("conceal mode needs concealSecret")
      }
      return hkdfKey(
        options.concealSecret,
        { salt: DECOY_PHONE_SALT, info: new Uint8Array(0) },
        { name: "HMAC", hash: "SHA-256", length: 256 },
        ["sign"]
      )
    })())
  return {
    sessionId() {
      const bytes = crypto.getRandomValues(new Uint8Array(32))
      let text = ""
      for (const byte of bytes) text += ALPHABET[byte % 64]
      return text
    },
    async decoyPhone(email) {
      const mac = new Uint8Array(
        await crypto.subtle.sign("HMAC", await key(), encoder.encode(email))
      )
      // Shaped like Link's redaction of an E.164 number: "+1" numbers are one digit shorter.
      const country = ["1", "3", "4"][(mac[0] ?? 0) % 3] ?? "1"
      const last = String(((mac[1] ?? 0) * 256 + (mac[2] ?? 0)) % 100)
      return `+${country}${"*".repeat(country === "1" ? 8 : 9)}${last.padStart(2, "0")}`
    },
    send: new Latency(options.linkLatency),
    authenticate: new Latency(options.linkLatency),
    settle(startedAt) {
      return sleep(startedAt + options.minDuration - Date.now())
    },
  }
}

/**
 * A failure as conceal mode answers it, for a known and an unknown email alike: no
 * `attemptsLeft`, and no `retryAfter` on Link's `too_many_attempts` (a decoy has neither to give;
 * the `failuresPerEmail` lock's, the same for both, stays).
 */
export function uniformFailure(error: unknown): unknown {
  if (!isLinkSignInError(error)) return error
  const dropRetry =
    error.code === "too_many_attempts" && !(error.cause instanceof LimitReached)
  if (
    error.attemptsLeft === undefined &&
    (!dropRetry || error.retryAfter === undefined)
  ) {
    return error
  }
  return new LinkSignInError(error.code, {
    ...(!dropRetry &&
      error.retryAfter !== undefined && { retryAfter: error.retryAfter }),
    ...(error.cause !== undefined && { cause: error.cause }),
  })
}
