/**
 * `createSimulator()`: the Link API simulator as an in-process fetch handler.
 * @module
 */
import type { Hono } from "hono"
import { createApp } from "./app.js"
import {
  resolveConfig,
  type SimulatorConfig,
  type SimulatorOptions,
} from "./config.js"
import type { SimulatorEnv } from "./fault-middleware.js"
import { createState, type SimulatorState } from "./state.js"

/** An in-process Link API simulator. */
export interface Simulator {
  /** The Hono app (mount it, or call `app.fetch`). */
  app: Hono<SimulatorEnv>
  /**
   * Answers one request, as the HTTP listener would. Rejects (like a real fetch) when a `drop`
   * fault drops the request or the request's signal aborts during a `latency` or `hang` fault.
   */
  fetch: (request: Request, env?: SimulatorEnv["Bindings"]) => Promise<Response>
  /** The state, for tests: `clock`, `outbox`, `people`, `sessions`, `faults`, `stats`. */
  state: SimulatorState
  /** The options with defaults applied. */
  config: SimulatorConfig
  /** Back to the starting state: seeded people, no sessions, empty outbox, no faults, clock unmoved. */
  reset(): void
}

/**
 * Creates a simulator of the Link API that runs in-process.
 * @example
 * const sim = createSimulator({ quiet: true })
 * const res = await sim.fetch(new Request("http://link.test/api/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=pk_test_123"))
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const config = resolveConfig(options)
  const state = createState(config)
  const app = createApp(state)
  return {
    app,
    fetch: async (request, env) => app.fetch(request, env),
    state,
    config,
    reset: () => state.reset(),
  }
}
