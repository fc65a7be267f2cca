"use server"
import { headers } from "next/headers"
import { redirect } from "next/navigation"
import { APIError } from "better-auth/api"
import { auth } from "@/lib/auth"
import { safeCallbackUrl } from "@/lib/callback-url"

/** What a password form shows after a failed try. */
export type PasswordFormState = { error?: string; email?: string }

const messages: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "Wrong email or password.",
  INVALID_EMAIL: "Enter a valid email address.",
  PASSWORD_TOO_SHORT: "Use a password of at least 8 characters.",
  PASSWORD_TOO_LONG: "Use a password of at most 128 characters.",
  USER_ALREADY_EXISTS: "An account with this email exists already: sign in.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    "An account with this email exists already: sign in.",
}

function field(form: FormData, name: string): string {
  const value = form.get(name)
  return typeof value === "string" ? value : ""
}

/** Better Auth's refusal in words; anything else is not a form error and is thrown on. */
function refusal(error: unknown, email: string): PasswordFormState {
  if (!(error instanceof APIError)) throw error
  const code = String(error.body?.code ?? "")
  if (error.status === 429)
    return { email, error: "Too many tries. Wait a moment, then try again." }
  return { email, error: messages[code] ?? "That did not work. Try again." }
}

export async function signInWithPassword(
  _state: PasswordFormState,
  form: FormData
): Promise<PasswordFormState> {
  const email = field(form, "email").trim()
  try {
    await auth.api.signInEmail({
      body: { email, password: field(form, "password") },
      headers: await headers(),
    })
  } catch (error) {
    return refusal(error, email)
  }
  redirect(safeCallbackUrl(form.get("callbackUrl")))
}

export async function signUpWithPassword(
  _state: PasswordFormState,
  form: FormData
): Promise<PasswordFormState> {
  const email = field(form, "email").trim()
  try {
    await auth.api.signUpEmail({
      body: {
        name: field(form, "name").trim(),
        email,
        password: field(form, "password"),
      },
      headers: await headers(),
    })
  } catch (error) {
    return refusal(error, email)
  }
  redirect("/account")
}

export async function signOut() {
  await auth.api.signOut({ headers: await headers() })
  redirect("/")
}
