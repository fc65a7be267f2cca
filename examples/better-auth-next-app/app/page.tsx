import { getSession } from "@/lib/session"

export default async function HomePage() {
  const session = await getSession()
  return (
    <main>
      <h1>Better Auth App</h1>
      {session ? (
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
