import type { Metadata } from "next"
import Link from "next/link"
import { readCart } from "@/app/lib/cart-store"
import { formatPrice } from "@/app/lib/products"
import { CartLines } from "@/app/ui/cart-lines"

export const metadata: Metadata = { title: "Your cart" }

export default async function CartPage() {
  const cart = await readCart()
  return (
    <div className="container narrow">
      <h1 className="page-title">Your cart</h1>
      {cart.lines.length === 0 ? (
        <div className="empty">
          <p>Your cart is empty.</p>
          <Link href="/" className="button">
            Browse the collection
          </Link>
        </div>
      ) : (
        <>
          <CartLines cart={cart} editable />
          <div className="summary">
            <p className="summary__row">
              <span>Subtotal</span>
              <strong>{formatPrice(cart.subtotal)}</strong>
            </p>
            <p className="summary__note">
              Shipping and taxes are worked out at checkout.
            </p>
            <Link href="/checkout" className="button button--wide">
              Check out
            </Link>
          </div>
        </>
      )}
    </div>
  )
}
