import type { Metadata } from "next"
import Link from "next/link"
import { redirect } from "next/navigation"
import { auth } from "@/auth"
import { readCart } from "@/app/lib/cart-store"
import { formatPrice } from "@/app/lib/products"
import { placeOrder } from "@/app/lib/checkout-actions"
import { CartLines } from "@/app/ui/cart-lines"

export const metadata: Metadata = { title: "Checkout" }

const FREE_SHIPPING_FROM = 5000
const SHIPPING = 600

export default async function CheckoutPage() {
  const [session, cart] = await Promise.all([auth(), readCart()])
  // The proxy already sends signed-out people to /login; a page never trusts that alone.
  const user = session?.user
  if (!user) redirect("/login?callbackUrl=/checkout")
  if (cart.lines.length === 0) {
    return (
      <div className="container narrow">
        <h1 className="page-title">Checkout</h1>
        <div className="empty">
          <p>There is nothing in your cart to check out.</p>
          <Link href="/" className="button">
            Browse the collection
          </Link>
        </div>
      </div>
    )
  }
  const shipping = cart.subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING
  return (
    <div className="container narrow">
      <h1 className="page-title">Checkout</h1>
      <section className="panel" aria-labelledby="contact-title">
        <h2 id="contact-title" className="panel__title">
          Contact
        </h2>
        <p>
          Signed in with Link as <strong>{user.email}</strong>
          {user.name ? ` (${user.name})` : null}
        </p>
        {user.city ? <p>Ships to {user.city}</p> : null}
      </section>
      <section className="panel" aria-labelledby="order-title">
        <h2 id="order-title" className="panel__title">
          Your order
        </h2>
        <CartLines cart={cart} editable={false} />
        <dl className="totals">
          <div>
            <dt>Subtotal</dt>
            <dd>{formatPrice(cart.subtotal)}</dd>
          </div>
          <div>
            <dt>Shipping</dt>
            <dd>{shipping === 0 ? "Free" : formatPrice(shipping)}</dd>
          </div>
          <div className="totals__total">
            <dt>Total</dt>
            <dd>{formatPrice(cart.subtotal + shipping)}</dd>
          </div>
        </dl>
      </section>
      <form action={placeOrder}>
        <button type="submit" className="button button--wide">
          Place order
        </button>
      </form>
      <p className="summary__note">This is a demo: no payment is taken.</p>
    </div>
  )
}
