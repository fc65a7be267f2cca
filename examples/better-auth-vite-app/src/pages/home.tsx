import { authClient } from "../auth-client.ts"

export function HomePage() {
  const { data: session, isPending } = authClient.useSession()
  return (
    <main>
      <h1>Vite App</h1>
      {isPending ? null : session ? (
        <p>
          Signed in as <strong>{session.user.name}</strong> (
          {session.user.email}).
        </p>
      ) : (
        <p>You are not signed in.</p>
      )}
    </main>
  )
}
