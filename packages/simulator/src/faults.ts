/**
 * Fault injection: the next N requests of a route fail in a chosen way, so clients can be
 * tested against real HTTP failures.
 * @module
 */
import { z } from "zod"

/** The API routes faults can target; `*` is any of them. */
export const ROUTES = [
  "lookup-email",
  "start_verification",
  "authenticate",
] as const

/** An API route name. */
export type RouteName = (typeof ROUTES)[number]

/** How an injected fault fails a request. */
export const FAULT_KINDS = [
  "latency",
  "status",
  "malformed",
  "html",
  "drop",
  "hang",
  "stall",
  "accept_spent",
] as const

/** The body of `POST /__control/faults`. */
export const faultSchema = z.strictObject({
  route: z.enum([...ROUTES, "*"]),
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().min(1).max(10_000).default(1),
  status: z
    .union([
      z.literal(500),
      z.literal(502),
      z.literal(503),
      z.literal(429),
      z.literal(200),
    ])
    .optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  retryAfter: z.number().int().min(0).max(86_400).optional(),
})

/** A fault to inject. */
export type FaultSpec = z.infer<typeof faultSchema>

/** A queued fault with the requests it still applies to. */
export interface Fault extends FaultSpec {
  remaining: number
}

/** The queue of faults. */
export interface Faults {
  add(spec: FaultSpec): Fault
  /** Takes the first fault for this route (counting one use), if any. */
  take(route: RouteName): Fault | undefined
  list(): Fault[]
  clear(): void
}

/** Creates an empty fault queue. */
export function createFaults(): Faults {
  let faults: Fault[] = []
  return {
    add(spec) {
      const fault = { ...spec, remaining: spec.count }
      faults.push(fault)
      return fault
    },
    take(route) {
      const fault = faults.find((f) => f.route === "*" || f.route === route)
      if (!fault) return undefined
      fault.remaining -= 1
      if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault)
      return fault
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      faults = []
    },
  }
}

/** Thrown (and surfaced as a rejected fetch) when a `drop` fault closes the connection. */
export class ConnectionDropped extends TypeError {
  override name = "ConnectionDropped"
  constructor() {
    super("Injected fault: the Link simulator dropped the connection")
  }
}
