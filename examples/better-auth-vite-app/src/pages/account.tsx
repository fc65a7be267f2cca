import { useEffect } from "react"
import { SignOutButton } from "../sign-out-button.tsx"
import { authClient } from "../auth-client.ts"

export function AccountPage() {
  const { data: session, isPending } = authClient.useSession()
  useEffect(() => {
    if (!isPending && !session)
      location.replace("/login?callbackUrl=%2Faccount")
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
