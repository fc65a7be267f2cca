"use server"
/**
 * The baseline sign-in of the benchmark: one server action, one signIn() call, then the same
 * redirect a Link sign-in ends with.
 * @module
 */
import { notFound, redirect } from "next/navigation"
import { AuthError } from "next-auth"
import { signIn } from "@/auth"
import { baselineEnabled } from "@/app/lib/bench-baseline"

export async function baselineSignIn(formData: FormData): Promise<void> {
  if (!baselineEnabled()) notFound()
  const email = formData.get("email")
  try {
    await signIn("baseline", {
      email: typeof email === "string" ? email : "",
      redirect: false,
    })
  } catch (error) {
    if (error instanceof AuthError) redirect("/bench-login?error=1")
    throw error
  }
  redirect("/account")
}
