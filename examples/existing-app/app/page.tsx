import { auth } from "@/auth"

export default async function HomePage() {
  const session = await auth()
  return (
    <main>
      <h1>Existing App</h1>
      {session?.user ? (
        <p>
          Signed in as <strong>{session.user.name}</strong>
          {session.user.email && <> ({session.user.email})</>}.
        </p>
      ) : (
        <p>You are not signed in.</p>
      )}
    </main>
  )
}
