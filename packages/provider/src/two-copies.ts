/**
 * Two copies of `@auth/core` in one app (an `@auth/*` adapter of another patch version than
 * next-auth's pinned one, with npm nesting next-auth's): Auth.js's `instanceof` checks then fail
 * across copies. Login with Link still works (its errors are recognised by a brand), but the app
 * should have one copy. This says so, once per process, naming the fix.
 *
 * @module
 */

const WARNED = Symbol.for("login-with-link.two-auth-core-copies")

/** The warning, as logged. */
export const TWO_COPIES_WARNING =
  "[login-with-link] Two copies of @auth/core are loaded (next-auth's own and another, e.g. " +
  "pulled in by an @auth/* adapter of another version), so Auth.js wraps errors from one copy " +
  "in a CallbackRouteError of the other. Login with Link still works (readLinkOutcome() unwraps " +
  "them), but other Auth.js checks may not. Fix: install one copy, by pinning @auth/core to " +
  'next-auth\'s version: "overrides": { "@auth/core": "<version>" } in package.json (npm), ' +
  '"pnpm": { "overrides": { "@auth/core": "<version>" } } (pnpm) or "resolutions" (yarn). ' +
  "`npm ls @auth/core` shows the copies."

/** Log {@link TWO_COPIES_WARNING} once per process (also across copies of this package). */
export function warnTwoAuthCoreCopies(): void {
  const flags = globalThis as unknown as Record<symbol, boolean | undefined>
  if (flags[WARNED]) return
  flags[WARNED] = true
  // The one line this package writes on its own: a misinstall, worth seeing without a logger.
  // eslint-disable-next-line no-console
  console.warn(TWO_COPIES_WARNING)
}
