/**
 * Auth.js's `authorize()` out of a Credentials provider config, to call it as Auth.js does
 * (`authorize(credentials, request)`). Auth.js keeps the user's function in `options.authorize`.
 *
 * @module
 */

/** `authorize()` as Auth.js calls it. */
export type Authorize = (
  credentials: Record<string, unknown> | unknown,
  request: Request
) => Promise<unknown>

/** The provider's `authorize()`, or a `TypeError` when it has none. */
export function authorizeOf(provider: object): Authorize {
  const options: unknown = (provider as { options?: unknown }).options
  const authorize: unknown =
    typeof options === "object" && options !== null
      ? (options as { authorize?: unknown }).authorize
      : undefined
  if (typeof authorize !== "function") {
    throw new TypeError("authorizeOf: not a Credentials provider config")
  }
  return authorize as Authorize
}
