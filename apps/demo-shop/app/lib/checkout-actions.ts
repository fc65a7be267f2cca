"use server"
/**
 * Checkout's server action: places the order of a signed-in person.
 * @module
 */
import { redirect } from "next/navigation"
import { auth } from "@/auth"
import { readCart, writeCartItems } from "./cart-store"

export async function placeOrder(): Promise<void> {
  // The proxy guards the page; an action is its own endpoint and checks again.
  const session = await auth()
  if (!session?.user) redirect("/login?callbackUrl=/checkout")
  const cart = await readCart()
  if (cart.lines.length === 0) redirect("/cart")
  const order = `LWL-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).toUpperCase()}`
  await writeCartItems(new Map())
  redirect(`/checkout/thank-you?order=${encodeURIComponent(order)}`)
}
