import { betterAuth } from "better-auth"
import { nextCookies } from "better-auth/next-js"
import { loginWithLink } from "@login-with-link/better-auth"
import { database } from "@/lib/database"

// BETTER_AUTH_SECRET and BETTER_AUTH_URL come from the environment; loginWithLink() reads
// AUTH_LINK_KEY (and AUTH_LINK_API_URL, e.g. the simulator in development).
export const auth = betterAuth({
  database,
  emailAndPassword: { enabled: true },
  // nextCookies() lets server actions set Better Auth's cookies: keep it last.
  plugins: [loginWithLink(), nextCookies()],
})
