import type { ReactNode } from "react"
import { authClient } from "./auth-client.ts"
import { AccountPage } from "./pages/account.tsx"
import { HomePage } from "./pages/home.tsx"
import { LoginPage } from "./pages/login.tsx"
import { SignUpPage } from "./pages/sign-up.tsx"
import { SignOutButton } from "./sign-out-button.tsx"

// Four pages, chosen by the path; links load pages (the server answers index.html for each).
const pages: Record<string, () => ReactNode> = {
  "/": HomePage,
  "/login": LoginPage,
  "/sign-up": SignUpPage,
  "/account": AccountPage,
}

export function App() {
  const Page = pages[location.pathname] ?? NotFound
  return (
    <>
      <Header />
      <Page />
    </>
  )
}

function Header() {
  const { data: session, isPending } = authClient.useSession()
  return (
    <header className="header">
      <nav aria-label="Main">
        <a href="/">Vite App</a>
        <a href="/account">Account</a>
      </nav>
      {isPending ? null : session ? (
        <div>
          <span>{session.user.email}</span>
          <SignOutButton />
        </div>
      ) : (
        <a href="/login">Sign in</a>
      )}
    </header>
  )
}

function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p>
        <a href="/">Home</a>
      </p>
    </main>
  )
}
