/**
 * The Hono app: the Link API under `/api`, login.link.com and api.link.com (OAuth) under
 * `/oauth`, the sign-up page, the outbox pages, the control API,
 * a JSON 404 for anything else and a JSON 500 (no stack) for anything unexpected.
 * @module
 */
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { createApi } from "./api.js"
import { createControl } from "./control.js"
import { controlGuard } from "./control-guard.js"
import { createDevPages } from "./dev-pages.js"
import { errorResponse, MESSAGES, SimulatorError } from "./errors.js"
import { ConnectionDropped } from "./faults.js"
import { HangReleased, type SimulatorEnv } from "./fault-middleware.js"
import { OAUTH_MESSAGES, oauthErrorResponse } from "./oauth/errors.js"
import { createOAuth, OAUTH_PREFIX } from "./oauth/routes.js"
import { MAX_BODY_BYTES } from "./params.js"
import { createSignup } from "./signup.js"
import type { SimulatorState } from "./state.js"

/** Creates the simulator's Hono app over a state. */
export function createApp(state: SimulatorState): Hono<SimulatorEnv> {
  const { config } = state
  const app = new Hono<SimulatorEnv>()

  // Bodies past MAX_BODY_BYTES are refused before any route reads them: at once on
  // Content-Length, and by counting bytes as they arrive when there is none (chunked).
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        // OAuth clients parse RFC 6749 errors; everything else gets the simulator's envelope.
        const response = c.req.path.startsWith(`${OAUTH_PREFIX}/`)
          ? oauthErrorResponse("invalid_request", OAUTH_MESSAGES.bodyTooLarge, {
              status: 413,
            })
          : errorResponse("parameter_invalid", {
              message: MESSAGES.bodyTooLarge,
              status: 413,
            })
        response.headers.set("connection", "close")
        return response
      },
    })
  )
  if (config.control || config.devPages)
    app.use("*", controlGuard(config.controlToken))

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
