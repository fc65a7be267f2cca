import Link from "next/link"
import { formatPrice } from "@/app/lib/products"
import { MAX_QUANTITY, type Cart } from "@/app/lib/cart"
import { removeCartLine, updateCartLine } from "@/app/lib/cart-actions"
import { ProductImage } from "./product-image"

/** The cart's lines; editable on the cart page, read-only at checkout. */
export function CartLines({
  cart,
  editable,
}: {
  cart: Cart
  editable: boolean
}) {
  return (
    <ul className="cart-lines">
      {cart.lines.map(({ product, quantity, total }) => (
        <li key={product.slug} className="cart-line">
          <ProductImage
            product={product}
            size={96}
            className="cart-line__image"
            decorative
          />
          <div className="cart-line__info">
            <Link
              href={`/products/${product.slug}`}
              className="cart-line__name"
            >
              {product.name}
            </Link>
            <span className="cart-line__unit">
              {formatPrice(product.price)} each
            </span>
            {editable ? (
              <div className="cart-line__controls">
                <form action={updateCartLine} className="inline-form">
                  <input type="hidden" name="slug" value={product.slug} />
                  <label
                    htmlFor={`qty-${product.slug}`}
                    className="visually-hidden"
                  >
                    Quantity of {product.name}
                  </label>
                  <select
                    id={`qty-${product.slug}`}
                    name="quantity"
                    defaultValue={String(quantity)}
                  >
                    {Array.from({ length: MAX_QUANTITY }, (_, i) => (
                      <option key={i + 1} value={i + 1}>
                        {i + 1}
                      </option>
                    ))}
                  </select>
                  <button
                    type="submit"
                    className="button button--small button--quiet"
                  >
                    Update
                    <span className="visually-hidden"> {product.name}</span>
                  </button>
                </form>
                <form action={removeCartLine} className="inline-form">
                  <input type="hidden" name="slug" value={product.slug} />
                  <button type="submit" className="link-button">
                    Remove
                    <span className="visually-hidden"> {product.name}</span>
                  </button>
                </form>
              </div>
            ) : (
              <span className="cart-line__unit">Quantity: {quantity}</span>
            )}
          </div>
          <span className="cart-line__total">{formatPrice(total)}</span>
        </li>
      ))}
    </ul>
  )
}
