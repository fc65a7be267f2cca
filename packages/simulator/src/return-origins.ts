/**
 * Where the sign-up page may send a person back to: only origins matching the allow list.
 * @module
 */

/**
 * Whether `returnTo` is an absolute http(s) URL whose origin matches one of `patterns`
 * (`http://localhost:*` matches any port, `http://shop.test:8080` exactly that one).
 * @example isAllowedReturnTo("http://localhost:3000/login", ["http://localhost:*"]) // true
 */
export function isAllowedReturnTo(
  returnTo: string,
  patterns: readonly string[]
): boolean {
  let url: URL
  try {
    url = new URL(returnTo)
  } catch {
    return false
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false
  if (url.username || url.password) return false
  const port = url.port || (url.protocol === "https:" ? "443" : "80")
  return patterns.some((pattern) => {
    const match = /^(https?:)\/\/([^/:]+)(?::(\d+|\*))?$/.exec(pattern)
    if (!match) return false
    const [, protocol, host, patternPort] = match
    if (protocol !== url.protocol || host?.toLowerCase() !== url.hostname)
      return false
    if (patternPort === "*") return true
    return (patternPort ?? (protocol === "https:" ? "443" : "80")) === port
  })
}
