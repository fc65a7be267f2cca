/**
 * The three sign-in steps (start, resend, finish) as plain functions: what `authorize()` runs, and
 * what frameworks without server actions (or a hosted login page) call directly. Each step checks
 * its input, applies the rate limits, talks to Link, and answers with a plain outcome (code sent,
 * sign-up required, or for finish the user) or throws a coded {@link LinkSignInError}. Nothing else
 * is ever thrown.
 *
 * @module
 */
import {
  sealChallenge,
  unsealChallenge,
  type ChallengePayload,
} from "./challenge.js"
import { createLinkClient, type LinkClient } from "./client.js"
import { challengeFailure, contain, mapLinkError } from "./error-mapping.js"
import { LinkApiError, LinkSignInError } from "./errors.js"
import {
  isResolvedOptions,
  resolveOptions,
  type LoginWithLinkOptions,
  type ResolvedOptions,
} from "./options.js"
import type { RateLimits } from "./rate-limit.js"
import { normalizeCode, normalizeEmail } from "./schemas.js"

/** The person, as `finish` (and `authorize()`) returns them. */
export interface LinkUser {
  /** The normalised email: the Login with Link API has no stable user id. */
  id: string
  email: string
  /** Link's `fullName`, when Link shares it with the shop. */
  name?: string
  /** Link's `city`, when Link shares it with the shop. */
  city?: string
}

/** Per-call context of a step. */
export interface LinkSignInContext {
  /** The client IP, for the per-IP limits. Pass it only from a source you trust. */
  ip?: string
  /** Where the sign-up page should send the person back (an absolute http(s) URL). */
  returnTo?: string
  /** Aborts the Link calls. */
  signal?: AbortSignal
}

/** The code was sent by SMS: render the code form. */
export interface LinkCodeSentOutcome {
  status: "code_sent"
  /** The sealed state to post back with the code. Opaque, encrypted, expires with the code. */
  challenge: string
  /** The phone the code went to, redacted by Link, e.g. `+3*********90`. */
  redactedPhone: string
  /** When the code (and the challenge) expires, in ms since the epoch. */
  expiresAt: number
  /** When a resend is allowed, in ms since the epoch. */
  resendAt: number
  /** The normalised email the code was sent for. */
  email: string
}

/** The email is not on Link: invite the person to sign up at `signupUrl`. */
export interface LinkSignupOutcome {
  status: "signup_required"
  /** Where the person can create a Link account, with `email` (and `return_to`) filled in. */
  signupUrl: string
  /** The normalised email that is not on Link. */
  email: string
}

/** What the start step answers. */
export type LinkStartOutcome = LinkCodeSentOutcome | LinkSignupOutcome

/** The step functions returned by {@link createLinkSignIn}. */
export interface LinkSignIn {
  /**
   * Look the email up and send a code. Resolves to a {@link LinkCodeSentOutcome} or (for an email
   * not on Link, `unknownEmail: "invite"`) a {@link LinkSignupOutcome}; throws {@link LinkSignInError}.
   */
  start(email: string, ctx?: LinkSignInContext): Promise<LinkStartOutcome>
  /** Send a new code for a challenge; throws {@link LinkSignInError}. */
  resend(
    challenge: string,
    ctx?: LinkSignInContext
  ): Promise<LinkCodeSentOutcome>
  /** Check the code. Resolves to the user, or throws {@link LinkSignInError}. */
  finish(
    challenge: string,
    code: string,
    ctx?: LinkSignInContext
  ): Promise<LinkUser>
  /** The checked options, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>
}

const IP = /^[0-9a-fA-F:.]{2,45}$/

/** A moving average of how long a Link call takes, to pace the decoys of conceal mode. */
class Latency {
  #value = 0
  #samples = 0
  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.#samples += 1
    const weight = this.#samples < 10 ? 1 / this.#samples : 0.1
    this.#value += (Math.min(ms, 5000) - this.#value) * weight
  }
  /** A delay near the average, with jitter; 0 until something has been measured. */
  delay(): number {
    return this.#samples === 0 ? 0 : this.#value * (0.8 + Math.random() * 0.4)
  }
}

const sleep = (ms: number) =>
  ms > 0
    ? new Promise<void>((resolve) => setTimeout(resolve, ms))
    : Promise.resolve()

/**
 * Create the sign-in steps. Options are checked here, once (a `TypeError` names the option).
 *
 * @example
 * ```ts
 * const link = createLinkSignIn({ publishableKey: "pk_test_123", secret: process.env.AUTH_SECRET })
 * const outcome = await link.start(email, { ip })
 * if (outcome.status === "code_sent") renderCodeForm(outcome.challenge, outcome.redactedPhone)
 * const user = await link.finish(challenge, code, { ip })
 * ```
 */
export function createLinkSignIn(
  options: LoginWithLinkOptions = {}
): LinkSignIn {
  // LoginWithLink() passes the options it already checked (recognised by identity, not shape).
  const resolved: ResolvedOptions = isResolvedOptions(options)
    ? options
    : resolveOptions(options)
  const client: LinkClient = createLinkClient({
    publishableKey: resolved.publishableKey,
    apiUrl: resolved.apiUrl,
    timeout: resolved.timeout,
    ...(resolved.fetch && { fetch: resolved.fetch }),
  })
  const sealing = {
    secret: resolved.secrets,
    binding: `${resolved.publishableKey} ${resolved.apiUrl}`,
  }
  // Decoys carry random padding as long as the last real client_secret, so that a decoy challenge
  // is as long as a real one (the simulator's secrets are 32 characters).
  let clientSecretLength = 32
  const padding = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(clientSecretLength))
    return Array.from(
      bytes,
      (b) =>
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[
          b % 64
        ]
    ).join("")
  }
  const sendLatency = new Latency()
  const authLatency = new Latency()
  let hmacKey: Promise<CryptoKey> | undefined

  /** HMAC of an email under a key derived from the secret: for limiter keys and decoys. */
  async function digest(purpose: string, email: string): Promise<Uint8Array> {
    hmacKey ??= (async () => {
      const material = await crypto.subtle.importKey(
        "raw",
        new TextEncoder().encode(resolved.secrets[0]),
        "HKDF",
        false,
        ["deriveKey"]
      )
      return crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: new TextEncoder().encode("login-with-link/email-hmac/v1"),
          info: new TextEncoder().encode(sealing.binding),
        },
        material,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign"]
      )
    })()
    const mac = await crypto.subtle.sign(
      "HMAC",
      await hmacKey,
      new TextEncoder().encode(`${purpose}\0${email}`)
    )
    return new Uint8Array(mac)
  }

  async function limit(
    checks: readonly (readonly [keyof RateLimits, string | undefined])[],
    ctx: LinkSignInContext
  ): Promise<void> {
    const limiter = resolved.rateLimit
    if (!limiter) return
    const ip =
      typeof ctx.ip === "string" && IP.test(ctx.ip) ? ctx.ip : undefined
    // One HMAC per email per step, however many rules name it (start checks two).
    const macs = new Map<string, Promise<Uint8Array>>()
    for (const [rule, email] of checks) {
      let subject: string | undefined
      if (rule.endsWith("PerIp")) subject = ip && `ip:${ip}`
      else if (email) {
        let pending = macs.get(email)
        if (!pending) {
          pending = digest("rate-limit", email)
          macs.set(email, pending)
        }
        const mac = await pending
        subject = `email:${Array.from(mac.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}`
      }
      if (!subject) continue
      const result = await limiter.consume(
        `link:${rule}:${subject}`,
        resolved.rateLimits[rule]
      )
      if (!result.allowed) {
        throw new LinkSignInError("rate_limited", {
          retryAfter: Math.max(1, Math.ceil(result.retryAfter)),
        })
      }
    }
  }

  async function decoyPhone(email: string): Promise<string> {
    const mac = await digest("decoy-phone", email)
    // Shaped like Link's redaction of an E.164 number: "+1" numbers are one digit shorter.
    const country = ["1", "3", "4"][(mac[0] ?? 0) % 3] ?? "1"
    const last = String(((mac[1] ?? 0) * 256 + (mac[2] ?? 0)) % 100).padStart(
      2,
      "0"
    )
    return `+${country}${"*".repeat(country === "1" ? 8 : 9)}${last}`
  }

  async function issue(
    payload: Omit<ChallengePayload, "expiresAt" | "resendAt">,
    now: number
  ): Promise<LinkCodeSentOutcome> {
    const expiresAt = (Math.floor(now / 1000) + resolved.challengeMaxAge) * 1000
    const resendAt = now + resolved.resendCooldown * 1000
    const challenge = await sealChallenge(
      { ...payload, expiresAt, resendAt },
      { ...sealing, now }
    )
    return {
      status: "code_sent",
      challenge,
      redactedPhone: payload.redactedPhone,
      expiresAt,
      resendAt,
      email: payload.email,
    }
  }

  async function open(challenge: unknown): Promise<ChallengePayload> {
    try {
      return await unsealChallenge(challenge, sealing)
    } catch (error) {
      throw challengeFailure(error)
    }
  }

  async function sendCode(
    payload: { email: string; clientSecret: string; redactedPhone?: string },
    resend: boolean,
    ctx: LinkSignInContext
  ): Promise<string> {
    const started = Date.now()
    try {
      const result = await client.startVerification(
        { clientSecret: payload.clientSecret, email: payload.email, resend },
        ctx.signal ? { signal: ctx.signal } : undefined
      )
      sendLatency.record(Date.now() - started)
      return result.redactedPhone ?? payload.redactedPhone ?? ""
    } catch (error) {
      if (error instanceof LinkApiError) throw mapLinkError(error, "send")
      throw error
    }
  }

  function signupUrlFor(email: string, returnTo: unknown): string {
    const url = new URL(resolved.signupUrl)
    url.searchParams.set("email", email)
    if (typeof returnTo === "string" && returnTo.length <= 2048) {
      try {
        const back = new URL(returnTo)
        if (back.protocol === "https:" || back.protocol === "http:") {
          url.searchParams.set("return_to", back.href)
        }
      } catch {
        // not a URL: no return_to
      }
    }
    return url.href
  }

  const steps: LinkSignIn = {
    options: resolved,

    async start(emailInput, ctx = {}) {
      try {
        const email = normalizeEmail(emailInput)
        if (!email) throw new LinkSignInError("invalid_email")
        await limit(
          [
            ["lookupPerIp", undefined],
            ["lookupPerEmail", email],
          ],
          ctx
        )
        let found
        try {
          found = await client.lookupEmail(
            email,
            ctx.signal ? { signal: ctx.signal } : undefined
          )
        } catch (error) {
          if (error instanceof LinkApiError) throw mapLinkError(error, "lookup")
          throw error
        }
        if (!found.exists && resolved.unknownEmail === "invite") {
          return {
            status: "signup_required",
            signupUrl: signupUrlFor(email, ctx.returnTo),
            email,
          }
        }
        await limit(
          [
            ["sendPerIp", undefined],
            ["sendPerEmail", email],
          ],
          ctx
        )
        if (!found.exists) {
          // Conceal: the same answer as for a known email, paced like a real send, no SMS.
          const redactedPhone = await decoyPhone(email)
          await sleep(sendLatency.delay())
          return await issue(
            { email, clientSecret: padding(), redactedPhone, decoy: true },
            Date.now()
          )
        }
        clientSecretLength = Math.min(found.clientSecret.length, 512)
        const redactedPhone = await sendCode(
          {
            email,
            clientSecret: found.clientSecret,
            redactedPhone: found.redactedPhone,
          },
          false,
          ctx
        )
        return await issue(
          { email, clientSecret: found.clientSecret, redactedPhone },
          Date.now()
        )
      } catch (error) {
        return contain(error)
      }
    },

    async resend(challengeInput, ctx = {}) {
      try {
        const payload = await open(challengeInput)
        const now = Date.now()
        if (now < payload.resendAt) {
          throw new LinkSignInError("rate_limited", {
            retryAfter: Math.max(1, Math.ceil((payload.resendAt - now) / 1000)),
          })
        }
        await limit(
          [
            ["sendPerIp", undefined],
            ["sendPerEmail", payload.email],
          ],
          ctx
        )
        if (payload.decoy || !payload.clientSecret) {
          await sleep(sendLatency.delay())
          return await issue(
            {
              email: payload.email,
              clientSecret: padding(),
              redactedPhone: payload.redactedPhone,
              decoy: true,
            },
            Date.now()
          )
        }
        const redactedPhone = await sendCode(
          {
            email: payload.email,
            clientSecret: payload.clientSecret,
            redactedPhone: payload.redactedPhone,
          },
          true,
          ctx
        )
        return await issue(
          {
            email: payload.email,
            clientSecret: payload.clientSecret,
            redactedPhone,
          },
          Date.now()
        )
      } catch (error) {
        return contain(error)
      }
    },

    async finish(challengeInput, codeInput, ctx = {}) {
      try {
        const payload = await open(challengeInput)
        const code = normalizeCode(codeInput)
        if (!code) throw new LinkSignInError("invalid_code")
        await limit(
          [
            ["attemptPerIp", undefined],
            ["attemptPerEmail", payload.email],
          ],
          ctx
        )
        if (payload.decoy || !payload.clientSecret) {
          await sleep(authLatency.delay())
          throw new LinkSignInError("invalid_code")
        }
        const started = Date.now()
        let person
        try {
          person = await client.authenticate(
            { clientSecret: payload.clientSecret, email: payload.email, code },
            ctx.signal ? { signal: ctx.signal } : undefined
          )
          authLatency.record(Date.now() - started)
        } catch (error) {
          if (error instanceof LinkApiError) {
            authLatency.record(Date.now() - started)
            throw mapLinkError(error, "authenticate")
          }
          throw error
        }
        if (person.email.trim().toLowerCase() !== payload.email) {
          throw new LinkSignInError("link_unavailable", {
            cause: new Error(
              "Link authenticated a different email than the one looked up"
            ),
          })
        }
        const user: LinkUser = { id: payload.email, email: payload.email }
        if (person.fullName) user.name = person.fullName
        if (person.city) user.city = person.city
        return user
      } catch (error) {
        return contain(error)
      }
    },
  }
  return steps
}
