/**
 * The one same-origin path check that every app uses for "where to go after sign-in"
 * (`callbackUrl`, `return_to`, ...). Only a same-origin relative path is accepted: anything that a
 * browser could resolve to another origin (`//evil`, `/\evil`, `https:`, `javascript:`,
 * percent-encoded, dot-segment or control-character variants of those) gets the fallback. The
 * result is always safe to put in a `Location` header (no control characters).
 * @module
 */

/** Options of {@link safeCallbackUrl}. */
export interface SafeCallbackUrlOptions {
  /** What to answer for a refused value. Default `"/"`. */
  fallback?: string
  /** Paths never to return to, e.g. the sign-in page itself (`["/login"]`). Default none. */
  exclude?: readonly string[]
}

const DUMMY_ORIGIN = "http://shop.invalid"

/**
 * `value` as a same-origin path (`/path?query#hash`), or `options.fallback` when a browser could
 * take it anywhere else.
 *
 * @example
 * ```ts
 * redirect(safeCallbackUrl(formData.get("callbackUrl"), { fallback: "/account", exclude: ["/login"] }))
 * ```
 */
export function safeCallbackUrl(
  value: unknown,
  options: SafeCallbackUrlOptions = {}
): string {
  const fallback = options.fallback ?? "/"
  if (typeof value !== "string" || value.length === 0 || value.length > 2048)
    return fallback
  // Decode repeatedly so "%2F%2Fevil" or "%252F%252F" cannot sneak a second slash past the checks.
  let decoded = value
  for (let i = 0; i < 3; i++) {
    let next: string
    try {
      next = decodeURIComponent(decoded)
    } catch {
      return fallback
    }
    if (next === decoded) break
    decoded = next
  }
  for (const candidate of [value, decoded]) {
    if (!candidate.startsWith("/")) return fallback
    if (candidate.startsWith("//") || candidate.startsWith("/\\"))
      return fallback
    // Browsers strip tabs and newlines and treat "\" as "/" in URLs.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback
  }
  let url: URL
  try {
    url = new URL(value, DUMMY_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== DUMMY_ORIGIN) return fallback
  // Dot segments can collapse into a leading "//" ("/login/..//evil.example" -> "//evil.example"),
  // which a browser reads as another host: check the path as it will be sent, too.
  if (url.pathname.startsWith("//") || url.pathname.startsWith("/\\"))
    return fallback
  if (options.exclude?.includes(url.pathname)) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
