import { headers } from "next/headers"
import { auth } from "@/lib/auth"

/** The signed-in person's session, or null. */
export async function getSession() {
  return auth.api.getSession({ headers: await headers() })
}
