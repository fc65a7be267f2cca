/**
 * The provider's options: the core's (`@login-with-link/core`), plus the Auth.js provider's `id`
 * and `name`, checked once with them.
 *
 * @module
 */
import {
  resolveOptions as resolveCoreOptions,
  type LoginWithLinkOptions as CoreOptions,
  type ResolvedOptions as CoreResolvedOptions,
} from "@login-with-link/core"

/** Options of {@link LoginWithLink}: the core's, and the provider's id and name. All optional. */
export interface LoginWithLinkOptions extends CoreOptions {
  /** The provider id, as in `signIn("link")`. @default "link" */
  id?: string
  /** The provider name, shown on Auth.js's built-in pages. @default "Link" */
  name?: string
}

/** Options after checking, with every default filled in. */
export interface ResolvedOptions extends CoreResolvedOptions {
  id: string
  name: string
}

function fail(option: string, expected: string): never {
  throw new TypeError(`LoginWithLink: option "${option}" ${expected}`)
}

/**
 * Check the options once and fill in defaults and environment variables. Throws a `TypeError` that
 * names the option at fault.
 */
export function resolveOptions(
  options: LoginWithLinkOptions = {}
): ResolvedOptions {
  const core = resolveCoreOptions(options)
  const id = options.id ?? "link"
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(id)) {
    fail("id", "must be a short identifier (letters, digits, - and _)")
  }
  const name = options.name ?? "Link"
  if (typeof name !== "string" || name.trim() === "" || name.length > 100) {
    fail("name", "must be a non-empty string")
  }
  // The same object: createLinkSignIn() recognises it as checked and does not check it again.
  return Object.assign(core, { id, name })
}
