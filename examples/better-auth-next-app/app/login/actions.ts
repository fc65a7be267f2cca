"use server"
import { linkSignIn } from "@login-with-link/better-auth/next"
import { auth } from "@/lib/auth"
export const linkAction = async (state?: unknown, form?: FormData) =>
  linkSignIn(auth, state, form)
