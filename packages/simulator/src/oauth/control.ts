/**
 * The OAuth part of the control API, under `/__control/oauth`: the registered clients (without
 * secrets), the grants, and a shortcut that signs a person in to an authorization URL without the
 * hosted page (for scripts and benchmarks).
 * @module
 */
import { Hono } from "hono"
import { z } from "zod"
import type { SimulatorEnv } from "../fault-middleware.js"
import { parseParams, readBody } from "../params.js"
import type { SimulatorState } from "../state.js"
import { approve, declined } from "./authorize.js"
import { checkAuthorizationRequest } from "./request.js"
import { HOSTED_MESSAGES } from "./pages.js"
import type { Grant } from "./store.js"

/** A grant as the control API and the dev page show it: no token, no secret. */
export interface GrantView {
  id: string
  clientId: string
  personId: string
  email: string
  scope: string[]
  createdAt: string
  refreshes: number
  status: "active" | "revoked" | "expired"
}

/** A grant as shown, with its status at `now`. */
export function grantView(grant: Grant, now: number): GrantView {
  return {
    id: grant.id.slice(0, 8),
    clientId: grant.clientId,
    personId: grant.personId,
    email: grant.email,
    scope: grant.scope,
    createdAt: new Date(grant.createdAt).toISOString(),
    refreshes: grant.refreshes,
    status:
      grant.revokedAt !== undefined
        ? "revoked"
        : now >= grant.refreshExpiresAt
          ? "expired"
          : "active",
  }
}

const approveSchema = z.strictObject({
  authorizationUrl: z.string().min(1).max(8192),
  email: z.string().max(254).optional(),
  decline: z.boolean().optional(),
})

/** Creates the `/__control/oauth` routes. */
export function createOAuthControl(state: SimulatorState): Hono<SimulatorEnv> {
  const app = new Hono<SimulatorEnv>()

  app.get("/clients", (c) =>
    c.json({
      clients: state.oauthClients
        .list()
        .map(({ clientId, name, redirectUris, publishableKey }) => ({
          clientId,
          name: name ?? clientId,
          redirectUris,
          publishableKey: publishableKey ?? null,
        })),
    })
  )

  app.get("/grants", (c) => {
    const now = state.clock.now()
    return c.json({
      grants: state.oauth.grants().map((g) => grantView(g, now)),
    })
  })

  // What the hosted page does when the person signs in (or cancels), in one call: the request is
  // checked exactly as GET /oauth/auth checks it, then the answer is where the browser would go.
  app.post("/authorize", async (c) => {
    const body = parseParams(approveSchema, await readBody(c.req.raw))
    let url: URL
    try {
      url = new URL(body.authorizationUrl, c.req.url)
    } catch {
      return c.json({ error: "authorizationUrl is not a URL" }, 400)
    }
    const checked = checkAuthorizationRequest(url, state)
    if (checked.kind === "page") return c.json({ error: checked.message }, 400)
    if (checked.kind === "redirect")
      return c.json({ location: checked.location })
    if (body.decline) return c.json({ location: declined(checked.request) })
    const person = body.email ? state.people.get(body.email) : undefined
    if (!person)
      return c.json(
        { error: HOSTED_MESSAGES.notOnLink(body.email ?? "(no email)") },
        400
      )
    return c.json({ location: approve(state, checked.request, person) })
  })

  return app
}
