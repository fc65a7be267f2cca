/**
 * Where to send a person after sign-in. Only a same-origin relative path is accepted: anything
 * that a browser could resolve to another origin (`//evil`, `/\evil`, `https:`, `javascript:`,
 * percent-encoded or control-character variants of those) falls back to the account page.
 * @module
 */

export const DEFAULT_AFTER_SIGN_IN = "/account"

const DUMMY_ORIGIN = "http://shop.invalid"

export function safeCallbackUrl(
  value: unknown,
  fallback: string = DEFAULT_AFTER_SIGN_IN
): string {
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
  // Never bounce back into the sign-in page itself.
  if (url.pathname === "/login") return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
