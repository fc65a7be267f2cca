import type { Metadata } from "next"
import type { ReactNode } from "react"
import Link from "next/link"
import { getSession } from "@/lib/session"
import { signOut } from "./actions"
import "@login-with-link/react/styles.css"
import "./globals.css"

export const metadata: Metadata = {
  title: { default: "Better Auth App", template: "%s · Better Auth App" },
  description: "A Next.js app on Better Auth that signs people in with Link.",
}

export default async function RootLayout({
  children,
}: {
  children: ReactNode
}) {
  const session = await getSession()
  return (
    <html lang="en">
      <body>
        <header className="header">
          <nav aria-label="Main">
            <Link href="/">Better Auth App</Link>
            <Link href="/account">Account</Link>
          </nav>
          {session ? (
            <form action={signOut}>
              <span>{session.user.email}</span>
              <button type="submit">Sign out</button>
            </form>
          ) : (
            <Link href="/login">Sign in</Link>
          )}
        </header>
        {children}
      </body>
    </html>
  )
}
