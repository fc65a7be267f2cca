/**
 * The sign-in in progress, carried between the email and code steps in one httpOnly cookie set by
 * the server action: the sealed challenge (opaque, encrypted by the provider) plus what the page
 * shows (email, redacted phone, times). Neither the page nor the URL ever holds the challenge.
 * @module
 */
import { cookies } from "next/headers"

export const PENDING_COOKIE = "link_signin"
/** Longer than a code lives, so an expired challenge is reported as such instead of vanishing. */
const MAX_AGE_SECONDS = 30 * 60

export type PendingSignIn = {
  challenge: string
  email: string
  redactedPhone: string
  expiresAt: number
  resendAt: number
}

function isPending(value: unknown): value is PendingSignIn {
  if (typeof value !== "object" || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.challenge === "string" &&
    typeof v.email === "string" &&
    typeof v.redactedPhone === "string" &&
    typeof v.expiresAt === "number" &&
    typeof v.resendAt === "number"
  )
}

export async function readPendingSignIn(): Promise<PendingSignIn | undefined> {
  const value = (await cookies()).get(PENDING_COOKIE)?.value
  if (!value) return undefined
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(value, "base64url").toString("utf8")
    )
    return isPending(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

export async function writePendingSignIn(
  pending: PendingSignIn
): Promise<void> {
  const value = Buffer.from(JSON.stringify(pending), "utf8").toString(
    "base64url"
  )
  ;(await cookies()).set(PENDING_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    path: "/login",
    maxAge: MAX_AGE_SECONDS,
  })
}

export async function clearPendingSignIn(): Promise<void> {
  ;(await cookies()).delete({ name: PENDING_COOKIE, path: "/login" })
}
