import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { auth } from "@/auth"

export const metadata: Metadata = { title: "Protected" }

export default async function ProtectedPage() {
  const session = await auth()
  if (!session?.user) redirect("/api/auth/signin?callbackUrl=%2Fprotected")
  return (
    <main>
      <h1>Protected</h1>
      <p>Only signed-in people see this page.</p>
      <dl>
        <dt>Name</dt>
        <dd>{session.user.name ?? "(none)"}</dd>
        <dt>Email</dt>
        <dd>{session.user.email ?? "(none)"}</dd>
      </dl>
    </main>
  )
}
