/**
 * The part of the Auth.js config that the proxy needs: pages, session strategy and the rule for
 * which paths need a signed-in person. It imports no provider, so it stays small and edge-safe
 * (the next-learn split); `auth.ts` adds Login with Link.
 * @module
 */
import type { NextAuthConfig } from "next-auth"

/** Paths only a signed-in person may open. Everything else is public. */
export const PROTECTED_PREFIXES = ["/account", "/checkout"] as const

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`)
  )
}

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt" },
  providers: [],
  callbacks: {
    authorized({ auth, request: { nextUrl } }) {
      if (!isProtectedPath(nextUrl.pathname) || auth?.user) return true
      // A relative callbackUrl: the login page accepts same-origin paths only.
      const login = new URL("/login", nextUrl)
      login.searchParams.set(
        "callbackUrl",
        `${nextUrl.pathname}${nextUrl.search}`
      )
      return Response.redirect(login)
    },
    jwt({ token, user }) {
      // `user` is set only on sign-in: keep the city Link shared, if any, for the checkout form.
      if (user?.city) token.city = user.city
      return token
    },
    session({ session, token }) {
      if (typeof token.city === "string") session.user.city = token.city
      return session
    },
  },
} satisfies NextAuthConfig
