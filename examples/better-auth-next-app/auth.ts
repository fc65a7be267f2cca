import { betterAuth } from "better-auth"
import { nextCookies } from "better-auth/next-js"
import { database } from "@/lib/database"

// BETTER_AUTH_SECRET and BETTER_AUTH_URL come from the environment.
export const auth = betterAuth({
  database,
  emailAndPassword: { enabled: true },
  // nextCookies() lets server actions set Better Auth's cookies: keep it last.
  plugins: [nextCookies()],
})
