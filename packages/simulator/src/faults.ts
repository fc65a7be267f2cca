/**
 * Fault injection: the next N requests of a route fail in a chosen way, so clients can be
 * tested against real HTTP failures.
 * @module
 */
import { z } from "zod"

/**
 * The routes faults can target (and stats count); `*` is any of them. The first three are the
 * Link API; `authorize` is `GET /oauth/auth`, `token` `POST /oauth/auth/token`, `revoke`
 * `POST /oauth/auth/revoke`, `userinfo` `GET /oauth/userinfo`.
 */
export const ROUTES = [
  "lookup-email",
  "start_verification",
  "authenticate",
  "authorize",
  "token",
  "revoke",
  "userinfo",
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
  "access_denied",
  "oauth_error",
  "no_email",
  "no_id",
  "other_person",
  "profile",
] as const

/** The routes each route-specific kind applies to (the others apply to any route). */
export const KIND_ROUTES: Partial<
  Record<(typeof FAULT_KINDS)[number], readonly RouteName[]>
> = {
  accept_spent: ["authenticate"],
  access_denied: ["authorize"],
  oauth_error: ["token", "revoke"],
  no_email: ["userinfo"],
  no_id: ["userinfo"],
  other_person: ["userinfo"],
  profile: ["userinfo"],
}

/** The fields of a userinfo answer, which a `profile` fault may set or omit. */
export const PROFILE_FIELDS = [
  "id",
  "email",
  "name",
  "first_name",
  "last_name",
  "phone",
] as const

/** The OAuth errors an `oauth_error` fault may answer with. */
export const FAULT_OAUTH_ERRORS = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "server_error",
  "temporarily_unavailable",
] as const

const jsonValue = z.union([
  z.string().max(1024),
  z.number(),
  z.boolean(),
  z.null(),
])

/** The body of `POST /__control/faults`. */
export const faultSchema = z
  .strictObject({
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
    /** `oauth_error`: the error code. @default "invalid_grant" */
    error: z.enum(FAULT_OAUTH_ERRORS).optional(),
    /** `other_person`: whose profile userinfo answers with. */
    email: z
      .string()
      .max(254)
      .refine(
        (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()),
        "email is not an email address"
      )
      .optional(),
    /** `profile`: fields to set (any JSON scalar, e.g. a blank or numeric id). */
    set: z.partialRecord(z.enum(PROFILE_FIELDS), jsonValue).optional(),
    /** `profile`: fields to leave out. */
    omit: z.array(z.enum(PROFILE_FIELDS)).max(PROFILE_FIELDS.length).optional(),
  })
  .superRefine((spec, ctx) => {
    const routes = KIND_ROUTES[spec.kind]
    if (routes && !routes.includes(spec.route as RouteName)) {
      ctx.addIssue({
        code: "custom",
        path: ["route"],
        message: `A ${spec.kind} fault applies only to route ${routes.join(" or ")}.`,
      })
    }
    if (spec.kind === "other_person" && !spec.email) {
      ctx.addIssue({
        code: "custom",
        path: ["email"],
        message:
          "An other_person fault needs the email of the person to answer for.",
      })
    }
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
