/**
 * Runs before every page: sends signed-out people from /account and /checkout to /login (via the
 * `authorized` callback in auth.config.ts), and sets a nonce-based Content-Security-Policy.
 * @module
 */
import NextAuth from "next-auth"
import { NextResponse } from "next/server"
import { authConfig } from "./auth.config"
import { contentSecurityPolicy, createNonce } from "./app/lib/csp"

const { auth } = NextAuth(authConfig)

export const proxy = auth((request) => {
  const nonce = createNonce()
  const csp = contentSecurityPolicy(
    nonce,
    process.env.NODE_ENV === "development"
  )
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set("x-nonce", nonce)
  requestHeaders.set("Content-Security-Policy", csp)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set("Content-Security-Policy", csp)
  return response
})

export const config = {
  // Pages only: not the Auth.js API, build assets or public images.
  matcher: [
    "/((?!api/|_next/static|_next/image|images/|favicon.ico|icon.svg).*)",
  ],
}
