/**
 * The cart, kept in one cookie as `slug:qty` pairs. Stateless, so it survives signing in and out
 * without a database; anything that does not name a catalog product is dropped when read.
 * @module
 */
import { getProduct, type Product } from "./products"

export const CART_COOKIE = "cart"
export const MAX_QUANTITY = 10

export type CartLine = { product: Product; quantity: number; total: number }
export type Cart = { lines: CartLine[]; count: number; subtotal: number }

/** Reads a cookie value into slug -> quantity, ignoring anything malformed. */
export function parseCart(value: string | undefined): Map<string, number> {
  const items = new Map<string, number>()
  if (!value) return items
  for (const pair of value.split("|")) {
    const [slug, qty] = pair.split(":")
    if (!slug || !qty || !/^\d{1,2}$/.test(qty)) continue
    if (!getProduct(slug)) continue
    const quantity = Math.min(Number(qty), MAX_QUANTITY)
    if (quantity > 0) items.set(slug, quantity)
  }
  return items
}

export function serializeCart(items: Map<string, number>): string {
  return [...items]
    .filter(([, quantity]) => quantity > 0)
    .map(([slug, quantity]) => `${slug}:${Math.min(quantity, MAX_QUANTITY)}`)
    .join("|")
}

export function describeCart(items: Map<string, number>): Cart {
  const lines: CartLine[] = []
  for (const [slug, quantity] of items) {
    const product = getProduct(slug)
    if (product)
      lines.push({ product, quantity, total: product.price * quantity })
  }
  return {
    lines,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: lines.reduce((sum, line) => sum + line.total, 0),
  }
}

/** Parses a quantity from a form field: an integer 0..MAX_QUANTITY, or undefined. */
export function parseQuantity(
  value: FormDataEntryValue | null
): number | undefined {
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value.trim()))
    return undefined
  const quantity = Number(value.trim())
  return quantity <= MAX_QUANTITY ? quantity : undefined
}
