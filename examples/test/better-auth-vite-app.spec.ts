/**
 * examples/better-auth-vite-app, installed from packed tarballs and built (examples/test/run.mjs):
 * a Vite + React app whose Better Auth server (Hono, PGlite) has the Login with Link plugin, and
 * whose login page runs `<LinkSignInForm />` over `linkClientAction(authClient)` (the
 * @login-with-link/better-auth README's client-only block) beside the app's email-and-password
 * sign-in. The client driver runs in the browser: JavaScript on.
 */
import { betterAuthJourneys } from "./better-auth-journeys"

betterAuthJourneys({ javaScript: [true] })
