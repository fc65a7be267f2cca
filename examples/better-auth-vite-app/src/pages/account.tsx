import { useEffect, useRef } from "react"
import { authClient } from "../auth-client.ts"
import { SignOutButton } from "../sign-out-button.tsx"

export function AccountPage() {
  const { data: session, isPending } = authClient.useSession()
  // Signed out while here (this tab or another): home, not the login page.
  const hadSession = useRef(false)
  if (session) hadSession.current = true
  useEffect(() => {
    if (!isPending && !session)
      location.replace(
        hadSession.current ? "/" : "/login?callbackUrl=%2Faccount"
      )
  }, [isPending, session])
  if (!session) return <main aria-busy="true" />
  return (
    <main>
      <h1>Account</h1>
      <dl>
        <dt>Name</dt>
        <dd>{session.user.name}</dd>
        <dt>Email</dt>
        <dd>{session.user.email}</dd>
      </dl>
      <SignOutButton />
    </main>
  )
}
