/**
 * Runs before every page: sends signed-out people from /account and /checkout to /login (the
 * `authorized` callback in auth.config.ts) and sets a nonce-based Content-Security-Policy.
 * @module
 */
import NextAuth from "next-auth"
import { NextResponse, type NextRequest } from "next/server"
import { authConfig } from "./auth.config"
import { contentSecurityPolicy, createNonce } from "./app/lib/csp"
import { signInOrigins } from "./app/lib/auth-mode"
import { declaresTooLargeBody, tooLarge } from "./app/lib/body-limit"

const { auth } = NextAuth(authConfig)

// OIDC and OAuth modes: sign-in (and sign-out) forms end on the hosted page or Link's own.
const formActionOrigins = signInOrigins()

function withCsp(request: NextRequest): NextResponse {
  const nonce = createNonce()
  const csp = contentSecurityPolicy(
    nonce,
    process.env.NODE_ENV === "development",
    formActionOrigins
  )
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set("x-nonce", nonce)
  requestHeaders.set("Content-Security-Policy", csp)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set("Content-Security-Policy", csp)
  return response
}

const guarded = auth((request) => withCsp(request))

export async function proxy(request: NextRequest) {
  // A body over the limit is refused before Next.js reads it (server actions count it too).
  if (declaresTooLargeBody(request)) return tooLarge()
  // Form posts are server actions, which check the session themselves.
  if (request.method !== "GET" && request.method !== "HEAD")
    return withCsp(request)
  // Typed as a route handler by next-auth; the wrapper above reads no route params.
  const response = await guarded(request, { params: Promise.resolve({}) })
  // The proxy only reads the session. Auth.js's wrapper re-issues the session cookie on every
  // request it sees, so a GET in flight while the person signs out (a prefetch, another tab)
  // would put the cookie back after sign-out deleted it. Nothing here sets cookies of its own.
  response?.headers.delete("set-cookie")
  return response
}

export const config = {
  // Pages only: not the Auth.js API, build assets or public images.
  matcher: [
    "/((?!api/|_next/static|_next/image|images/|favicon.ico|icon.svg).*)",
  ],
}
