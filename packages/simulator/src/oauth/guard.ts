/**
 * What every OAuth route call goes through before its handler, as the Link API's routes do: it is
 * counted, an injected fault is applied, and the client IP's budget is taken. The OAuth-only
 * fault kinds (`access_denied`, `oauth_error`, the userinfo ones) are handed to the handler;
 * a `status` fault answers in the route's own shape (OAuth JSON, or a page).
 * @module
 */
import type { Context } from "hono"
import { clientIp } from "../api.js"
import { applyFault, type SimulatorEnv } from "../fault-middleware.js"
import type { Fault, RouteName } from "../faults.js"
import type { SimulatorState } from "../state.js"

/** The fault kinds an OAuth handler applies itself. */
const HANDLER_KINDS = new Set<Fault["kind"]>([
  "access_denied",
  "oauth_error",
  "no_email",
  "no_id",
  "other_person",
  "profile",
])

/** How a route answers the failures the guard produces. */
export interface GuardAnswers {
  /** Over the client IP's budget: wait `seconds`. */
  rateLimited(seconds: number): Response
  /** An injected `status` fault. */
  injectedStatus(status: number, retryAfter: number | undefined): Response
}

/** A handler that may receive the fault meant for it. */
export type OAuthHandler = (
  c: Context<SimulatorEnv>,
  fault: Fault | undefined
) => Response | Promise<Response>

/** Wraps an OAuth handler with counting, faults and the client IP's budget. */
export function oauthGuarded(
  state: SimulatorState,
  route: RouteName | undefined,
  answers: GuardAnswers,
  handler: OAuthHandler
): (c: Context<SimulatorEnv>) => Promise<Response> {
  const admit = (c: Context<SimulatorEnv>, fault: Fault | undefined) => {
    const wait = state.ipBudget.take(
      clientIp(c, state.config.trustProxy),
      state.clock.now()
    )
    if (wait !== undefined) return answers.rateLimited(Math.ceil(wait))
    return handler(c, fault)
  }
  return async (c) => {
    if (!route) return admit(c, undefined)
    state.stats.calls[route] += 1
    const fault = state.faults.take(route)
    if (!fault) return admit(c, undefined)
    if (HANDLER_KINDS.has(fault.kind)) return admit(c, fault)
    if (fault.kind === "status") {
      const status = fault.status ?? 500
      return answers.injectedStatus(
        status,
        fault.retryAfter ?? (status === 429 ? 1 : undefined)
      )
    }
    return (await applyFault(state, fault, route, c)) ?? admit(c, undefined)
  }
}
