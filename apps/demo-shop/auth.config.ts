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
    jwt({ token, user, account }) {
      // `user` is set only on sign-in: keep the city Link shared, if any, for the checkout form.
      if (user?.city) token.city = user.city
      // OIDC mode: without a database Auth.js gives each sign-in a random user id; the ID token's
      // `sub` (stable and opaque, the same on every sign-in) is the person's id instead.
      if (account?.provider === "link-oidc")
        token.sub = account.providerAccountId
      return token
    },
    session({ session, token }) {
      if (typeof token.city === "string") session.user.city = token.city
      if (typeof token.sub === "string") session.user.id = token.sub
      return session
    },
  },
} satisfies NextAuthConfig
