import type { Metadata } from "next"
import Link from "next/link"
import { redirect } from "next/navigation"
import { auth } from "@/auth"
import { signOutAction } from "@/app/lib/session-actions"

export const metadata: Metadata = { title: "Your account" }

export default async function AccountPage() {
  const session = await auth()
  // The proxy already sends signed-out people to /login; a page never trusts that alone.
  if (!session?.user) redirect("/login?callbackUrl=/account")
  const { user } = session
  return (
    <div className="container narrow">
      <h1 className="page-title">Your account</h1>
      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title" className="panel__title">
          Signed in with Link
        </h2>
        <dl className="profile">
          {user.name ? (
            <div>
              <dt>Name</dt>
              <dd>{user.name}</dd>
            </div>
          ) : null}
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          {user.city ? (
            <div>
              <dt>City</dt>
              <dd>{user.city}</dd>
            </div>
          ) : null}
        </dl>
        <p className="summary__note">
          Link shared these details when you confirmed the code sent to your
          phone.
        </p>
      </section>
      <div className="actions">
        <Link href="/cart" className="button button--quiet">
          View your cart
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="button">
            Sign out
          </button>
        </form>
      </div>
    </div>
  )
}
