import type { Metadata } from "next"
import type { ReactNode } from "react"
import Link from "next/link"
import { auth, signIn, signOut } from "@/auth"
import "./globals.css"

export const metadata: Metadata = {
  title: { default: "Existing App", template: "%s · Existing App" },
  description: "A next-auth v5 app that signs people in with GitHub.",
}

export default async function RootLayout({
  children,
}: {
  children: ReactNode
}) {
  const session = await auth()
  return (
    <html lang="en">
      <body>
        <header className="header">
          <nav aria-label="Main">
            <Link href="/">Existing App</Link>
            <Link href="/protected">Protected</Link>
          </nav>
          {session?.user ? (
            <form
              action={async () => {
                "use server"
                await signOut({ redirectTo: "/" })
              }}
            >
              <span>{session.user.email ?? session.user.name}</span>
              <button type="submit">Sign out</button>
            </form>
          ) : (
            <form
              action={async () => {
                "use server"
                await signIn()
              }}
            >
              <button type="submit">Sign in</button>
            </form>
          )}
        </header>
        {children}
      </body>
    </html>
  )
}
