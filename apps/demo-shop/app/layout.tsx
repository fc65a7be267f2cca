import type { Metadata } from "next"
import type { ReactNode } from "react"
import { LinkSignInSync } from "@login-with-link/next"
import { SiteHeader } from "./ui/site-header"
import { SiteFooter } from "./ui/site-footer"
import "@login-with-link/next/styles.css"
import "./globals.css"

export const metadata: Metadata = {
  title: { default: "Juniper Goods", template: "%s · Juniper Goods" },
  description:
    "Small-batch goods for slow mornings. A demo shop for Login with Link and Auth.js.",
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {/* Another tab signs in with Link: this one refreshes and shows it. */}
        <LinkSignInSync />
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="main">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  )
}
