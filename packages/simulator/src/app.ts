/**
 * The Hono app: the Link API under `/api`, login.link.com and api.link.com (OAuth) under
 * `/oauth`, the sign-up page, the outbox pages, the control API,
 * a JSON 404 for anything else and a JSON 500 (no stack) for anything unexpected.
 * @module
 */
import { Hono } from "hono"
import { createApi } from "./api.js"
import { BODY_METHODS, limitBodies } from "./body-limit.js"
import { createControl } from "./control.js"
import { controlGuard, GUARDED_PATHS } from "./control-guard.js"
import { createDevPages } from "./dev-pages.js"
import { errorResponse, SimulatorError } from "./errors.js"
import { ConnectionDropped } from "./faults.js"
import { HangReleased, type SimulatorEnv } from "./fault-middleware.js"
import { OAUTH_MESSAGES, oauthErrorResponse } from "./oauth/errors.js"
import { createOAuth, OAUTH_PREFIX } from "./oauth/routes.js"
import { createSignup } from "./signup.js"
import type { SimulatorState } from "./state.js"

/** Creates the simulator's Hono app over a state. */
export function createApp(state: SimulatorState): Hono<SimulatorEnv> {
  const { config } = state
  const app = new Hono<SimulatorEnv>()

  // Each guard is registered on the methods or paths it guards, so that a plain API GET matches
  // one handler and is answered without a promise (see body-limit.ts).
  app.on([...BODY_METHODS], "*", limitBodies())
  if (config.control || config.devPages) {
    const guard = controlGuard(config.controlToken)
    for (const path of GUARDED_PATHS) app.use(path, guard)
  }

  app.get("/", (c) =>
    c.json({
      service: "link-simulator",
      api: "/api",
      routes: [
        "GET /api/lookup-email",
        "POST /api/start_verification",
        "POST /api/authenticate",
        "GET /signup",
        "GET /oauth/auth",
        "POST /oauth/auth/token",
        "POST /oauth/auth/revoke",
        "GET /oauth/userinfo",
      ],
      ...(config.devPages ? { outbox: "/__dev" } : {}),
      control: config.control,
    })
  )
  const api = createApi(state)
  app.route("/api", api.routes)
  app.route("/signup", createSignup(state))
  app.route(OAUTH_PREFIX, createOAuth(state))
  if (config.devPages) app.route("/__dev", createDevPages(state))
  if (config.control) app.route("/__control", createControl(state))

  app.notFound((c) => api.otherMethod(c) ?? errorResponse("resource_missing"))
  app.onError((err, c) => {
    if (err instanceof SimulatorError) {
      return errorResponse(err.code, {
        ...err.details,
        authenticate: c.req.path === "/api/authenticate",
      })
    }
    // A dropped connection, a released hang or an aborted request has no response: the caller's
    // fetch rejects, as it would against a real server.
    const signal = c.req.raw.signal
    if (
      err instanceof ConnectionDropped ||
      err instanceof HangReleased ||
      (signal.aborted && err === signal.reason)
    ) {
      throw err
    }
    if (c.req.path.startsWith(`${OAUTH_PREFIX}/`))
      return oauthErrorResponse("server_error", OAUTH_MESSAGES.serverError)
    return errorResponse("api_error", {
      authenticate: c.req.path === "/api/authenticate",
    })
  })
  return app
}
