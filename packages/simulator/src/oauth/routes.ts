/**
 * The simulated login.link.com and api.link.com, mounted at `/oauth`: the hosted page at
 * `/oauth/auth`, the token and revocation endpoints at `/oauth/auth/token` and
 * `/oauth/auth/revoke`, and userinfo at `/oauth/userinfo`.
 * @module
 */
import { Hono } from "hono"
import type { SimulatorEnv } from "../fault-middleware.js"
import type { SimulatorState } from "../state.js"
import { createAuthorize } from "./authorize.js"
import { createTokenEndpoints } from "./token.js"
import { createUserinfo } from "./userinfo.js"

/** The path the OAuth routes are mounted at. */
export const OAUTH_PREFIX = "/oauth"

/** The OAuth routes of the simulator, relative to {@link OAUTH_PREFIX}. */
export const OAUTH_ROUTES = {
  authorize: "/auth",
  token: "/auth/token",
  revoke: "/auth/revoke",
  userinfo: "/userinfo",
} as const

/** Creates the `/oauth` routes over a state. */
export function createOAuth(state: SimulatorState): Hono<SimulatorEnv> {
  const app = new Hono<SimulatorEnv>()
  const authorize = createAuthorize(state)
  const { token, revoke } = createTokenEndpoints(state)
  app.get(OAUTH_ROUTES.authorize, authorize.get)
  app.post(OAUTH_ROUTES.authorize, authorize.post)
  app.post(OAUTH_ROUTES.token, token)
  app.post(OAUTH_ROUTES.revoke, revoke)
  app.get(OAUTH_ROUTES.userinfo, createUserinfo(state))
  return app
}
