/**
 * Where a server driver sends a signed-in person: the posted `callbackUrl`, else the one in the
 * page's address (the `Referer`), checked by `safeCallbackUrl`. An absolute URL on the request's own
 * origin is taken as its path first: auth libraries send people to a custom sign-in page with one
 * (`/login?callbackUrl=https://shop.example/account`).
 *
 * @module
 */
import {
  safeCallbackUrl,
  type SafeCallbackUrlOptions,
} from "../safe-redirect.js"

/** What the request says of itself, for {@link linkCallbackUrl}. */
export interface LinkRequestOrigin {
  /** The page's address, as the `Referer` header gives it. */
  referer?: string | null | undefined
  /** The request's own origin (`https://shop.example`), when known. */
  origin?: string | undefined
}

/** An absolute URL on `origin`, as its path; anything else unchanged (for the check to refuse). */
function ownOriginAsPath(value: string, origin: string | undefined): string {
  if (!origin || !/^https?:\/\//i.test(value) || !URL.canParse(value))
    return value
  if (!URL.canParse(origin)) return value
  const url = new URL(value)
  if (url.origin !== new URL(origin).origin) return value
  return `${url.pathname}${url.search}${url.hash}`
}

/**
 * The checked same-origin path to go to once signed in.
 *
 * @example
 * ```ts
 * linkCallbackUrl(form.get("callbackUrl"), { referer, origin }, { fallback: "/account" })
 * ```
 */
export function linkCallbackUrl(
  posted: string,
  request: LinkRequestOrigin,
  options: SafeCallbackUrlOptions = {}
): string {
  let value: string | undefined = posted || undefined
  if (!value && request.referer && URL.canParse(request.referer))
    value =
      new URL(request.referer).searchParams.get("callbackUrl") ?? undefined
  return safeCallbackUrl(
    value === undefined ? undefined : ownOriginAsPath(value, request.origin),
    options
  )
}
