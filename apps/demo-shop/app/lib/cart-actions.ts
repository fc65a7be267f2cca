"use server"
/**
 * The cart's server actions. Forms post here directly, so they work without JavaScript.
 * @module
 */
import { redirect } from "next/navigation"
import { getProduct } from "./products"
import { parseQuantity } from "./cart"
import { readCartItems, writeCartItems } from "./cart-store"

export async function addToCart(formData: FormData): Promise<void> {
  const slug = formData.get("slug")
  const quantity = parseQuantity(formData.get("quantity")) ?? 1
  if (typeof slug === "string" && getProduct(slug) && quantity > 0) {
    const items = await readCartItems()
    items.set(slug, (items.get(slug) ?? 0) + quantity)
    await writeCartItems(items)
  }
  redirect("/cart")
}

export async function updateCartLine(formData: FormData): Promise<void> {
  const slug = formData.get("slug")
  const quantity = parseQuantity(formData.get("quantity"))
  if (typeof slug !== "string" || !getProduct(slug) || quantity === undefined)
    return
  const items = await readCartItems()
  items.set(slug, quantity)
  await writeCartItems(items)
}

export async function removeCartLine(formData: FormData): Promise<void> {
  const slug = formData.get("slug")
  if (typeof slug !== "string") return
  const items = await readCartItems()
  items.delete(slug)
  await writeCartItems(items)
}
