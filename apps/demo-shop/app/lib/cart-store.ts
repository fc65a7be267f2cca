/**
 * The cart cookie, read and written on the server. httpOnly and SameSite=Lax: only the shop's own
 * server actions change it, and it is a separate cookie from the session so signing in keeps it.
 * @module
 */
import { cookies } from "next/headers"
import {
  CART_COOKIE,
  describeCart,
  parseCart,
  serializeCart,
  type Cart,
} from "./cart"

const MAX_AGE_SECONDS = 30 * 24 * 60 * 60

export async function readCartItems(): Promise<Map<string, number>> {
  return parseCart((await cookies()).get(CART_COOKIE)?.value)
}

export async function readCart(): Promise<Cart> {
  return describeCart(await readCartItems())
}

export async function writeCartItems(
  items: Map<string, number>
): Promise<void> {
  const jar = await cookies()
  const value = serializeCart(items)
  if (!value) {
    jar.delete(CART_COOKIE)
    return
  }
  jar.set(CART_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  })
}
