/**
 * The three Link API routes: lookup-email, start_verification, authenticate.
 * Each handler parses its input first; everything after that is synchronous, so the
 * authenticate check-and-spend is atomic under concurrency.
 * @module
 */
import { Hono, type Context } from "hono"
import { codeMatches, hashCode, newClientSecret, newCode } from "./codes.js"
import { errorResponse, MESSAGES, SimulatorError } from "./errors.js"
import type { RouteName } from "./faults.js"
import {
  acceptsSpent,
  applyFault,
  type SimulatorEnv,
} from "./fault-middleware.js"
import {
  authenticateSchema,
  lookupSchema,
  parseParams,
  readBody,
  readQuery,
  startSchema,
} from "./params.js"
import { normalizeEmail, redactKey, redactPhone } from "./people.js"
import type { SimulatorState } from "./state.js"
import type { Session } from "./store.js"

/** The test-mode code Stripe documents; accepted only with a `pk_test_` key. */
export const TEST_MODE_CODE = "000000"

const ROUTE_OF: Record<string, RouteName> = {
  "/api/lookup-email": "lookup-email",
  "/api/start_verification": "start_verification",
  "/api/authenticate": "authenticate",
}

/** The client IP: the socket's address, or the first `X-Forwarded-For` hop when trusted. */
export function clientIp(
  c: Context<SimulatorEnv>,
  trustProxy: boolean
): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim()
    if (forwarded) return forwarded
  }
  return c.env?.incoming?.socket?.remoteAddress ?? "in-process"
}

function bearer(c: Context): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")
  return match?.[1]
}

/** The Link API over a state. */
export interface Api {
  /** The routes, to mount at `/api`. */
  routes: Hono<SimulatorEnv>
  /**
   * The answer to an API route's path called with another method: counted, faulted and budgeted
   * like the route, then a 404. Undefined for any other path.
   */
  otherMethod(
    c: Context<SimulatorEnv>
  ): Response | Promise<Response> | undefined
}

/** Creates the `/api` routes over a state. */
export function createApi(state: SimulatorState): Api {
  const { config, clock, people, sessions, outbox } = state
  const api = new Hono<SimulatorEnv>()

  function checkKey(key: string | undefined): {
    key: string
    testMode: boolean
  } {
    if (!key)
      throw new SimulatorError("invalid_public_key", {
        message: MESSAGES.publicKeyMissing,
      })
    const known =
      config.publishableKeys.includes(key) ||
      (config.acceptAnyTestKey && /^pk_test_[A-Za-z0-9_]+$/.test(key))
    if (!known)
      throw new SimulatorError("invalid_public_key", {
        message: MESSAGES.publicKeyInvalid,
      })
    return { key, testMode: key.startsWith("pk_test_") }
  }

  function takeKeyBudget(key: string): void {
    const wait = state.keyBudget.take(key, clock.now())
    if (wait !== undefined)
      throw new SimulatorError("rate_limit", { retryAfter: wait })
  }

  /** The session a POST refers to: the secret must exist and match the email and any key given. */
  function sessionFor(
    secret: string,
    email: string,
    key: string | undefined,
    acceptSpent = false
  ): Session {
    const session = sessions.get(secret)
    if (key !== undefined && key !== "") checkKey(key)
    if (
      !session ||
      session.email !== normalizeEmail(email) ||
      (key && key !== session.key)
    ) {
      throw new SimulatorError("consumer_session_credentials_invalid")
    }
    takeKeyBudget(session.key)
    if (session.state === "VERIFIED" && !acceptSpent) {
      throw new SimulatorError("consumer_session_expired", {
        message: MESSAGES.sessionSpent,
      })
    }
    if (clock.now() >= session.expiresAt)
      throw new SimulatorError("consumer_session_expired")
    return session
  }

  function admit<R>(
    c: Context<SimulatorEnv>,
    route: RouteName,
    handler: (c: Context<SimulatorEnv>) => R
  ): R {
    const wait = state.ipBudget.take(
      clientIp(c, config.trustProxy),
      clock.now()
    )
    if (wait !== undefined) {
      throw new SimulatorError("rate_limit", {
        retryAfter: wait,
        authenticate: route === "authenticate",
      })
    }
    return handler(c)
  }

  /**
   * What every API call goes through before its handler: it is counted, an injected fault is
   * applied, and the client IP's budget is taken. Synchronous unless a fault is queued, so a
   * plain call is answered without a promise (Hono's and the Node adapter's fast path).
   */
  function guarded<R extends Response | Promise<Response>>(
    route: RouteName,
    handler: (c: Context<SimulatorEnv>) => R
  ): (c: Context<SimulatorEnv>) => R | Promise<Response> {
    return (c) => {
      state.stats.calls[route] += 1
      const fault = state.faults.take(route)
      if (!fault) return admit(c, route, handler)
      return applyFault(state, fault, route, c).then(
        (faulted) => faulted ?? admit(c, route, handler)
      )
    }
  }

  api.get(
    "/lookup-email",
    guarded("lookup-email", (c) => {
      const raw = readQuery(new URL(c.req.url))
      const params = parseParams(lookupSchema, raw)
      const { key, testMode } = checkKey(params.STRIPE_PUBLIC_KEY || bearer(c))
      takeKeyBudget(key)
      const parametersSubmitted = {
        email: params.email,
        STRIPE_PUBLIC_KEY: redactKey(key),
      }
      const email = normalizeEmail(params.email)
      const person = people.get(email)
      if (!person)
        return c.json({
          result: "success",
          parametersSubmitted,
          userExistsOnLink: false,
        })
      const secret = newClientSecret()
      const now = clock.now()
      sessions.create(
        secret,
        {
          email,
          key,
          testMode,
          state: "CREATED",
          expiresAt: now + config.sessionTtlMs,
          attempts: 0,
        },
        now
      )
      return c.json({
        result: "success",
        parametersSubmitted,
        userExistsOnLink: true,
        client_secret: secret,
        redacted_phone_number: redactPhone(person.phone),
      })
    })
  )

  api.post(
    "/start_verification",
    guarded("start_verification", async (c) => {
      const raw = { ...readQueryKey(c), ...(await readBody(c.req.raw)) }
      const params = parseParams(startSchema, raw)
      const session = sessionFor(
        params.client_secret,
        params.email,
        params.STRIPE_PUBLIC_KEY || bearer(c)
      )
      const person = people.get(session.email)
      if (!person)
        throw new SimulatorError("consumer_session_credentials_invalid")
      const now = clock.now()
      if (session.state === "FAILED")
        throw new SimulatorError("consumer_verification_max_attempts_exceeded")
      if (
        session.lastSendAt !== undefined &&
        now < session.lastSendAt + config.resendCooldownMs
      ) {
        throw new SimulatorError("rate_limit", {
          message: MESSAGES.resendCooldown,
          retryAfter:
            (session.lastSendAt + config.resendCooldownMs - now) / 1000,
        })
      }
      const capWait = state.sendCap.check(session.email, now)
      if (capWait !== undefined) {
        throw new SimulatorError(
          "consumer_verification_max_attempts_exceeded",
          {
            message: MESSAGES.maxSends,
            retryAfter: capWait,
          }
        )
      }
      const code = newCode()
      session.code = hashCode(code)
      session.codeExpiresAt = now + config.codeTtlMs
      session.lastSendAt = now
      session.state = "STARTED"
      state.sendCap.record(session.email, now)
      state.stats.sends += 1
      outbox.add({
        phone: person.phone,
        email: session.email,
        code,
        sentAt: new Date(now).toISOString(),
      })
      if (!config.quiet) {
        config.log(
          `[link-simulator] SMS to ${redactPhone(person.phone)} (${session.email}): your Link code is ${code}`
        )
      }
      return c.json({
        result: "success",
        redacted_phone_number: redactPhone(person.phone),
      })
    })
  )

  api.post(
    "/authenticate",
    guarded("authenticate", async (c) => {
      const raw = { ...readQueryKey(c), ...(await readBody(c.req.raw)) }
      const params = parseParams(authenticateSchema, raw)
      // No await from here on: the check and the spend happen in one turn of the event loop.
      const spentAccepted = acceptsSpent(c.req.raw)
      const session = sessionFor(
        params.client_secret,
        params.email,
        params.STRIPE_PUBLIC_KEY || bearer(c),
        spentAccepted
      )
      const now = clock.now()
      const person = people.get(session.email)
      const success = () =>
        c.json({
          authenticationSuccessful: true,
          user: {
            email: session.email,
            ...(person?.fullName ? { fullName: person.fullName } : {}),
            ...(person?.city ? { city: person.city } : {}),
          },
        })
      if (
        session.state === "VERIFIED" &&
        spentAccepted &&
        session.spentCode &&
        codeMatches(session.spentCode, params.code)
      ) {
        return success()
      }
      if (session.state === "FAILED") {
        throw new SimulatorError("consumer_verification_max_attempts_exceeded")
      }
      if (!session.code || session.codeExpiresAt === undefined) {
        throw new SimulatorError("consumer_verification_code_invalid", {
          message: MESSAGES.codeNotSent,
        })
      }
      if (now >= session.codeExpiresAt) {
        session.state = "EXPIRED"
        throw new SimulatorError("consumer_verification_expired")
      }
      const right =
        codeMatches(session.code, params.code) ||
        (session.testMode && params.code === TEST_MODE_CODE)
      if (!right) {
        session.attempts += 1
        if (session.attempts >= config.maxAttempts) session.state = "FAILED"
        throw new SimulatorError("consumer_verification_code_invalid")
      }
      session.state = "VERIFIED"
      session.spentCode = session.code
      session.code = undefined
      return success()
    })
  )

  const notFound = () => errorResponse("resource_missing")
  return {
    routes: api,
    otherMethod(c) {
      const route = ROUTE_OF[c.req.path]
      return route && guarded(route, notFound)(c)
    },
  }
}

/** POSTs take only STRIPE_PUBLIC_KEY from the query string. */
function readQueryKey(c: Context): Record<string, unknown> {
  const query = readQuery(new URL(c.req.url))
  for (const name of Object.keys(query)) {
    if (name !== "STRIPE_PUBLIC_KEY") {
      throw new SimulatorError("parameter_invalid", {
        param: name,
        message: MESSAGES.unknown(name),
      })
    }
  }
  return query
}
