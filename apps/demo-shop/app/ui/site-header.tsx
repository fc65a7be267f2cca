import Link from "next/link"
import { auth } from "@/auth"
import { readCart } from "@/app/lib/cart-store"
import { signOutAction } from "@/app/lib/session-actions"

export async function SiteHeader() {
  const [session, cart] = await Promise.all([auth(), readCart()])
  const user = session?.user
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            J
          </span>
          Juniper Goods
        </Link>
        <nav aria-label="Main" className="site-nav">
          <Link href="/">Shop</Link>
          <Link href="/cart" className="cart-link">
            Cart
            <span className="cart-link__count">
              <span className="visually-hidden">, </span>
              {cart.count}
              <span className="visually-hidden">
                {" "}
                {cart.count === 1 ? "item" : "items"}
              </span>
            </span>
          </Link>
          {user ? (
            <>
              <Link href="/account" className="account-link">
                <span className="avatar" aria-hidden="true">
                  {(user.name ?? user.email ?? "?").charAt(0).toUpperCase()}
                </span>
                <span>
                  <span className="visually-hidden">Signed in as </span>
                  {user.name ?? user.email}
                </span>
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="button button--quiet">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link href="/login" className="button button--quiet">
              Sign in
            </Link>
          )}
        </nav>
      </div>
    </header>
  )
}
