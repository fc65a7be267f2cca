/**
 * The plugin's routes and their paths, shared by the server plugin and the client plugin (which
 * needs nothing else of the options): the three steps, and the form's route that runs them for
 * `<LinkSignInForm />`.
 *
 * @module
 */

/** The routes, by the last segment of their path. */
export type LinkRoute = "start" | "resend" | "verify" | "form"

/** The path of each route, under better-auth's base path. */
export const LINK_PATHS = {
  start: "/sign-in/link/start",
  resend: "/sign-in/link/resend",
  verify: "/sign-in/link/verify",
  form: "/sign-in/link/form",
} as const satisfies Record<LinkRoute, string>
