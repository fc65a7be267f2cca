import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { getSession } from "@/lib/session"
import { signOut } from "../actions"

export const metadata: Metadata = { title: "Account" }

export default async function AccountPage() {
  const session = await getSession()
  if (!session) redirect("/login?callbackUrl=%2Faccount")
  return (
    <main>
      <h1>Account</h1>
      <dl>
        <dt>Name</dt>
        <dd>{session.user.name}</dd>
        <dt>Email</dt>
        <dd>{session.user.email}</dd>
        <dt>Signed in until</dt>
        <dd>
          {session.session.expiresAt.toLocaleString("en-GB", {
            dateStyle: "long",
            timeStyle: "short",
          })}
        </dd>
      </dl>
      <form action={signOut}>
        <button type="submit">Sign out</button>
      </form>
    </main>
  )
}
