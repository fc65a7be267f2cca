/**
 * A stand-in for the request scope a Next.js server action runs in: what `next/headers` answers
 * (the request's headers, its cookies, and the cookies the action sets), one request at a time, for
 * the server drivers' tests (`@login-with-link/next`, `@login-with-link/better-auth/next`). Mock
 * `next/headers` with it:
 * `vi.mock("next/headers.js", () => import("@login-with-link/test-helpers/next-headers"))`.
 *
 * @module
 */
export interface SetCookie {
  name: string
  value: string
  options: Record<string, unknown>
}

interface Scope {
  headers: Headers
  /** Cookies as the browser holds them (sent with the next request). */
  browser: Map<string, string>
  /** What the current request set. */
  set: SetCookie[]
}

const scope: Scope = { headers: new Headers(), browser: new Map(), set: [] }

/** A new request from the same browser (its cookies kept), to `origin` with `referer`. */
export function newRequest(
  init: { proto?: "http" | "https"; referer?: string; host?: string } = {}
): void {
  const host = init.host ?? "shop.test"
  scope.headers = new Headers({
    host,
    "x-forwarded-host": host,
    "x-forwarded-proto": init.proto ?? "http",
    referer: init.referer ?? `${init.proto ?? "http"}://${host}/login`,
  })
  scope.set = []
  const cookie = [...scope.browser]
    .map(([name, value]) => `${name}=${value}`)
    .join("; ")
  if (cookie) scope.headers.set("cookie", cookie)
}

/** A browser with no cookies. */
export function newBrowser(): void {
  scope.browser.clear()
  newRequest()
}

/** The cookies the last request set, by name. */
export function setCookies(): SetCookie[] {
  return scope.set
}

/** What the browser holds. */
export function browserCookies(): Map<string, string> {
  return scope.browser
}

/** Put a cookie in the browser directly (a tampered one, say). */
export function plantCookie(name: string, value: string): void {
  scope.browser.set(name, value)
}

const cookieStore = {
  get(name: string) {
    const value = scope.browser.get(name)
    return value === undefined ? undefined : { name, value }
  },
  getAll() {
    return [...scope.browser].map(([name, value]) => ({ name, value }))
  },
  has(name: string) {
    return scope.browser.has(name)
  },
  set(name: string, value: string, options: Record<string, unknown> = {}) {
    scope.set.push({ name, value, options })
    const maxAge = options.maxAge
    const expires = options.expires
    const gone =
      value === "" ||
      maxAge === 0 ||
      (expires instanceof Date && expires.getTime() <= Date.now())
    if (gone) scope.browser.delete(name)
    else scope.browser.set(name, value)
    return cookieStore
  },
  delete(name: string) {
    scope.set.push({ name, value: "", options: { maxAge: 0 } })
    scope.browser.delete(name)
    return cookieStore
  },
}

export async function cookies() {
  return cookieStore
}

export async function headers() {
  return scope.headers
}

export async function draftMode() {
  return { isEnabled: false }
}
