/**
 * The three sign-in steps (start, resend, finish) as plain functions: what an adapter (the Auth.js
 * provider, the Better Auth plugin, a hosted login page) runs. Each step checks its input, applies
 * the rate limits and the per-email failure lock (`limits.ts`), talks to Link, and answers with a
 * plain outcome (code sent, sign-up required, or for finish the user) or throws a coded
 * {@link LinkSignInError} (`error-mapping.ts`). Nothing else is ever thrown. Conceal mode's decoys
 * and pacing are in `conceal.ts`; what is remembered of each session (its last send, whether it
 * signed someone in, its wrong codes) is in the once store (`sessions.ts`, the `onceStore`
 * option).
 *
 * @module
 */
import { createChallengeSealer, type ChallengePayload } from "./challenge.js"
import { createLinkClient, type LinkClient } from "./client.js"
import { createConcealment, uniformFailure } from "./conceal.js"
import { createEmailDigest } from "./email-digest.js"
import { challengeFailure, contain, mapLinkError } from "./error-mapping.js"
import { LinkApiError, LinkSignInError } from "./errors.js"
import { humanCheck, type HumanCheck } from "./human-check.js"
import { createKnownDevices, deviceEmailKey } from "./known-device.js"
import { createFailureLock, createLimits, LimitReached } from "./limits.js"
import {
  isResolvedOptions,
  resolveOptions,
  type LoginWithLinkOptions,
  type ResolvedOptions,
} from "./options.js"
import type {
  LinkCodeSentOutcome,
  LinkSignIn,
  LinkSignInContext,
  LinkUser,
} from "./outcomes.js"
import { normalizeCode, normalizeEmail } from "./schemas.js"
import { createSessions, LINK_MAX_ATTEMPTS } from "./sessions.js"

export type {
  LinkCodeSentOutcome,
  LinkSignIn,
  LinkSignInContext,
  LinkSignupOutcome,
  LinkStartOutcome,
  LinkUser,
} from "./outcomes.js"

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
  const binding = `${resolved.publishableKey} ${resolved.apiUrl}`
  const sealer = createChallengeSealer({ secret: resolved.secrets, binding })
  const digest = createEmailDigest(resolved.secrets[0] as string, binding)
  const conceal = createConcealment({
    concealSecret: resolved.concealSecret,
    minDuration: resolved.concealMinDuration,
    linkLatency: resolved.concealLinkLatency,
  })
  const consume = createLimits(resolved)
  const lock = createFailureLock(resolved, resolved.onceStore)
  const sessions = createSessions(resolved.onceStore, {
    resendCooldownMs: resolved.resendCooldown * 1000,
    // A finished session is remembered a minute beyond the longest a challenge issued before it
    // can live (a resend of a finished session is refused, so none is issued after).
    spentTtlMs: (resolved.challengeMaxAge + 60) * 1000,
  })
  /** The email's rate-limit key, only when something is limited (it costs an HMAC). */
  const limiterKey = (email: string) =>
    resolved.rateLimit ? digest.limiterKey(email) : undefined
  const devices =
    resolved.knownDeviceMaxAge > 0
      ? createKnownDevices({
          secrets: resolved.secrets,
          binding,
          maxAge: resolved.knownDeviceMaxAge,
        })
      : undefined
  /**
   * The key a start counts the email under: on a known device of this email, the device's own
   * (carried in the challenge, so resend and finish count there too), else the email's.
   */
  async function startKey(
    email: string,
    knownDevice: unknown
  ): Promise<string | undefined> {
    const emailKey = await limiterKey(email)
    if (emailKey === undefined || !devices || knownDevice === undefined)
      return emailKey
    const device = await devices.read(knownDevice, email)
    return device === undefined ? emailKey : deviceEmailKey(emailKey, device)
  }
  const withSignal = (ctx: LinkSignInContext) =>
    ctx.signal ? { signal: ctx.signal } : undefined

  /**
   * Refuse a locked email (`failuresPerEmail`) before any Link call: with a human check, a person
   * who passes it goes on (and their challenge is marked as checked); else `too_many_attempts`.
   */
  async function refuseIfLocked(
    emailKey: string | undefined,
    human: HumanCheck | undefined
  ): Promise<void> {
    if (!lock || emailKey === undefined || !(await lock.locked(emailKey)))
      return
    if (!human) throw lock.refusal()
    if (await human.check()) return
    throw new LinkSignInError("human_check_required", {
      cause: new LimitReached("failuresPerEmail"),
    })
  }

  async function issue(
    payload: Omit<ChallengePayload, "expiresAt" | "resendAt">,
    now: number
  ): Promise<LinkCodeSentOutcome> {
    const expiresAt = (Math.floor(now / 1000) + resolved.challengeMaxAge) * 1000
    const resendAt = now + resolved.resendCooldown * 1000
    const challenge = await sealer.seal(
      { ...payload, expiresAt, resendAt },
      now
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
      return await sealer.open(challenge)
    } catch (error) {
      throw challengeFailure(error)
    }
  }

  /** Send the code (Link's answer timed, to pace the decoys); resolves to the phone it went to. */
  async function sendCode(
    payload: { email: string; clientSecret: string; redactedPhone?: string },
    resend: boolean,
    ctx: LinkSignInContext
  ): Promise<string> {
    const started = Date.now()
    try {
      const result = await client.startVerification(
        { clientSecret: payload.clientSecret, email: payload.email, resend },
        withSignal(ctx)
      )
      conceal.send.record(Date.now() - started)
      return result.redactedPhone ?? payload.redactedPhone ?? ""
    } catch (error) {
      if (error instanceof LinkApiError) throw mapLinkError(error, "send")
      throw error
    }
  }

  /** The resend cooldown of a session, from the once store: the same for real and decoy. */
  function coolingDown(): LinkSignInError {
    return new LinkSignInError("rate_limited", {
      retryAfter: Math.max(1, Math.ceil(resolved.resendCooldown)),
      cause: new Error("the resend cooldown of this sign-in has not ended"),
    })
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

  /** Count a wrong code against the email's failure lock. */
  async function countFailure(
    error: unknown,
    emailKey: string | undefined
  ): Promise<void> {
    if (
      lock &&
      emailKey !== undefined &&
      error instanceof LinkSignInError &&
      error.code === "invalid_code"
    ) {
      await lock.fail(emailKey)
    }
  }

  const steps: LinkSignIn = {
    options: resolved,

    async knownDevice(emailInput, previous) {
      const email = normalizeEmail(emailInput)
      if (!devices || !email) return undefined
      return devices.issue(email, previous)
    },

    async start(emailInput, ctx = {}) {
      try {
        const email = normalizeEmail(emailInput)
        if (!email) throw new LinkSignInError("invalid_email")
        const emailKey = await startKey(email, ctx.knownDevice)
        const human = humanCheck(resolved.verifyHuman, "start", email, ctx)
        await refuseIfLocked(emailKey, human)
        const subject = { emailKey, ip: ctx.ip, human: human?.check }
        await consume("lookup", subject)
        let found
        try {
          found = await client.lookupEmail(email, withSignal(ctx))
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
        await consume("send", { ...subject, decoy: !found.exists })
        const humanChecked = (await human?.passed()) === true
        if (!found.exists) {
          // Conceal: the same answer as for a known email, paced like a real send, no SMS.
          const session = conceal.sessionId()
          const redactedPhone = await conceal.decoyPhone(email)
          await conceal.send.pace()
          await sessions.sent(session)
          return await issue(
            {
              email,
              clientSecret: session,
              redactedPhone,
              decoy: true,
              emailKey,
              humanChecked,
            },
            Date.now()
          )
        }
        const redactedPhone = await sendCode({ ...found, email }, false, ctx)
        await sessions.sent(found.clientSecret)
        return await issue(
          {
            email,
            clientSecret: found.clientSecret,
            redactedPhone,
            emailKey,
            humanChecked,
          },
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
        // A challenge always holds its session: a real client_secret, or a decoy's id.
        const session = payload.clientSecret
        if (session === undefined)
          throw new LinkSignInError("challenge_invalid")
        // Per session, whichever challenge of it comes back: a replayed older challenge too.
        if (await sessions.coolingDown(session)) throw coolingDown()
        const emailKey = payload.emailKey ?? (await limiterKey(payload.email))
        const human = humanCheck(
          resolved.verifyHuman,
          "resend",
          payload.email,
          ctx
        )
        if (!payload.humanChecked) await refuseIfLocked(emailKey, human)
        await consume("send", {
          emailKey,
          ip: ctx.ip,
          human: human?.check,
          decoy: payload.decoy === true,
        })
        if (!(await sessions.sent(session))) throw coolingDown()
        const humanChecked =
          payload.humanChecked === true || (await human?.passed()) === true
        if (payload.decoy) {
          await conceal.send.pace()
          // Locked after LINK_MAX_ATTEMPTS wrong codes, as Link refuses to send for such a session.
          if ((await sessions.wrongCodes(session)) >= LINK_MAX_ATTEMPTS) {
            throw new LinkSignInError("too_many_attempts")
          }
          return await issue(
            {
              email: payload.email,
              clientSecret: session,
              redactedPhone: payload.redactedPhone,
              decoy: true,
              emailKey,
              humanChecked,
            },
            Date.now()
          )
        }
        // A session that has signed someone in is over, as Link says of a spent client_secret.
        if (await sessions.spent(session)) {
          throw new LinkSignInError("challenge_expired", {
            cause: new Error("This sign-in has already been completed"),
          })
        }
        const redactedPhone = await sendCode(
          {
            email: payload.email,
            clientSecret: session,
            redactedPhone: payload.redactedPhone,
          },
          true,
          ctx
        )
        return await issue(
          {
            email: payload.email,
            clientSecret: session,
            redactedPhone,
            emailKey,
            humanChecked,
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
        const session = payload.clientSecret
        if (session === undefined)
          throw new LinkSignInError("challenge_invalid")
        const emailKey = payload.emailKey ?? (await limiterKey(payload.email))
        // Locked after too many wrong codes across challenges, unless a human check passed when
        // this challenge was issued.
        const failures =
          lock && emailKey !== undefined ? await lock.failures(emailKey) : 0
        if (lock && !payload.humanChecked && failures >= lock.points) {
          throw lock.refusal()
        }
        await consume("attempt", { emailKey, ip: ctx.ip })
        if (payload.decoy) {
          // Counted per decoy session, as Link counts per client_secret: once LINK_MAX_ATTEMPTS
          // wrong codes were tried, the next attempt is refused, as it is for a real session.
          const tried = await sessions.wrongCode(session)
          await conceal.authenticate.pace()
          const wrong = new LinkSignInError(
            tried > LINK_MAX_ATTEMPTS ? "too_many_attempts" : "invalid_code"
          )
          await countFailure(wrong, emailKey)
          throw wrong
        }
        // A session that has signed someone in is over: refused before any Link call.
        if (await sessions.spent(session)) {
          throw new LinkSignInError("challenge_expired", {
            cause: new Error("This sign-in has already been completed"),
          })
        }
        const started = Date.now()
        let person
        try {
          person = await client.authenticate(
            { clientSecret: session, email: payload.email, code },
            withSignal(ctx)
          )
          conceal.authenticate.record(Date.now() - started)
        } catch (error) {
          if (!(error instanceof LinkApiError)) throw error
          conceal.authenticate.record(Date.now() - started)
          let refused = mapLinkError(error, "authenticate")
          if (
            refused.code === "invalid_code" &&
            refused.attemptsLeft === undefined
          ) {
            // Link does not say how many tries are left: count the wrong codes of the session
            // (Link allows LINK_MAX_ATTEMPTS per session), so that every UI can warn before the
            // last one. None is said once the count reaches it: Link answers the next try.
            const left = LINK_MAX_ATTEMPTS - (await sessions.wrongCode(session))
            if (left > 0) {
              refused = new LinkSignInError("invalid_code", {
                attemptsLeft: left,
                cause: refused.cause,
              })
            }
          }
          await countFailure(refused, emailKey)
          throw refused
        }
        if (person.email.trim().toLowerCase() !== payload.email) {
          throw new LinkSignInError("link_unavailable", {
            cause: new Error(
              "Link authenticated a different email than the one looked up"
            ),
          })
        }
        // At most one sign-in per Link session, whatever Link says: the first to finish it wins.
        if (!(await sessions.spend(session))) {
          throw new LinkSignInError("challenge_expired", {
            cause: new LinkApiError({
              status: 200,
              code: "LWL_LINK_REPLAYED",
              message:
                "Link accepted a challenge that had already signed someone in; refused, as each challenge signs in once",
            }),
          })
        }
        // A sign-in clears the count; with none counted when the code was checked, there is
        // nothing to clear (a write saved on almost every sign-in; a wrong code counted since
        // then stays counted, the safe side).
        if (lock && emailKey !== undefined && failures > 0)
          await lock.reset(emailKey)
        const user: LinkUser = {
          id: payload.email,
          email: payload.email,
          emailVerified: resolved.emailVerified,
        }
        if (person.fullName) user.name = person.fullName
        if (person.city) user.city = person.city
        return user
      } catch (error) {
        return contain(error)
      }
    },
  }
  if (resolved.unknownEmail !== "conceal") return steps

  /**
   * Conceal mode: a step answers (or fails) no sooner than the floor, for a known and an unknown
   * email alike, and fails without what a decoy could not say (`attemptsLeft`, Link's `retryAfter`
   * on `too_many_attempts`).
   */
  async function paced<T>(step: () => Promise<T>): Promise<T> {
    const started = Date.now()
    try {
      return await step()
    } catch (error) {
      throw uniformFailure(error)
    } finally {
      await conceal.settle(started)
    }
  }
  return {
    options: resolved,
    knownDevice: steps.knownDevice,
    start: (email, ctx) => paced(() => steps.start(email, ctx)),
    resend: (challenge, ctx) => paced(() => steps.resend(challenge, ctx)),
    finish: (challenge, code, ctx) =>
      paced(() => steps.finish(challenge, code, ctx)),
  }
}
