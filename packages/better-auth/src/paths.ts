/**
 * The plugin's three routes and their paths, shared by the server plugin and the client plugin
 * (which needs nothing else of the options).
 *
 * @module
 */

/** The three routes, by the last segment of their path. */
export type LinkRoute = "start" | "resend" | "verify"

/** The path of each route, under better-auth's base path. */
export const LINK_PATHS = {
  start: "/sign-in/link/start",
  resend: "/sign-in/link/resend",
  verify: "/sign-in/link/verify",
} as const satisfies Record<LinkRoute, string>
