/**
 * Where to go after signing in: `?callbackUrl=` when it is a path on this site, else the account
 * page. Anything else (`https://evil.example`, `//evil.example`, `/\evil.example`) is ignored.
 */
export function safeCallbackUrl(value: unknown): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.includes("\\")
  )
    return "/account"
  return value
}
