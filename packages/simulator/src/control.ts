/**
 * The test-only control API under `/__control`: reset, seed people, move the clock, inject faults,
 * list the sessions (client secrets) handed out and read call counts. Served only when the `control` option is on.
 * @module
 */
import { Hono } from "hono"
import { z } from "zod"
import { faultSchema } from "./faults.js"
import type { SimulatorEnv } from "./fault-middleware.js"
import { createOAuthControl } from "./oauth/control.js"
import { parseParams, readBody } from "./params.js"
import type { SimulatorState } from "./state.js"

const personSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,64}$/,
      "id must be 1-64 letters, digits, _ or -, like usr_123"
    )
    .optional(),
  email: z
    .string()
    .max(254)
    .refine(
      (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()),
      "email is not an email address"
    ),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, "phone must be E.164, like +14155550123"),
  fullName: z.string().min(1).max(200).optional(),
  city: z.string().min(1).max(200).optional(),
})

const clockSchema = z.strictObject({
  advanceMs: z
    .number()
    .int("advanceMs must be a whole number of milliseconds")
    .min(0)
    .max(366 * 86_400_000),
})

/** Creates the `/__control` routes. */
export function createControl(state: SimulatorState): Hono<SimulatorEnv> {
  const app = new Hono<SimulatorEnv>()
  const clockBody = () => ({
    now: state.clock.now(),
    iso: new Date(state.clock.now()).toISOString(),
  })

  app.post("/reset", (c) => {
    state.reset()
    return c.json({ ok: true })
  })

  app.get("/people", (c) => c.json({ people: state.people.list() }))
  app.post("/people", async (c) => {
    const input = parseParams(personSchema, await readBody(c.req.raw))
    const person = state.people.put(input)
    return c.json({ person }, 201)
  })

  app.get("/clock", (c) => c.json(clockBody()))
  app.post("/clock", async (c) => {
    const { advanceMs } = parseParams(clockSchema, await readBody(c.req.raw))
    state.clock.advance(advanceMs)
    return c.json(clockBody())
  })

  app.get("/faults", (c) => c.json({ faults: state.faults.list() }))
  app.post("/faults", async (c) => {
    const fault = state.faults.add(
      parseParams(faultSchema, await readBody(c.req.raw))
    )
    return c.json({ fault }, 201)
  })
  app.delete("/faults", (c) => {
    state.faults.clear()
    state.releaseHangs()
    return c.json({ ok: true })
  })

  // The client secrets handed out, so that tests can check a client never leaks them.
  app.get("/sessions", (c) =>
    c.json({
      sessions: state.sessions
        .list()
        .map(({ clientSecret, email, state: status, expiresAt }) => ({
          clientSecret,
          email,
          state: status,
          expiresAt,
        })),
    })
  )

  // Everything handed out since start, across resets (for leak checks over a whole test run).
  app.get("/issued", (c) =>
    c.json({
      clientSecrets: state.issued.clientSecrets,
      codes: state.issued.codes,
      oauthTokens: state.issued.oauthTokens,
    })
  )

  app.get("/stats", (c) => {
    const { calls, sends } = state.stats
    const total = Object.values(calls).reduce((a, b) => a + b, 0)
    return c.json({ calls: { ...calls }, total, sends })
  })

  app.route("/oauth", createOAuthControl(state))

  return app
}
