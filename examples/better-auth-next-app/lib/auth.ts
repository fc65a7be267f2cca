import { betterAuth } from "better-auth"
import { nextCookies } from "better-auth/next-js"
import { loginWithLink } from "@login-with-link/better-auth"
import { database } from "@/lib/database"

// BETTER_AUTH_SECRET and BETTER_AUTH_URL come from the environment; loginWithLink() reads
// AUTH_LINK_KEY (and AUTH_LINK_API_URL, e.g. the simulator in development).
export const auth = betterAuth({
  database,
  emailAndPassword: { enabled: true },
  // Where the client's address comes from is the platform's to say, and `next start` alone says
  // nothing a client cannot forge (it keeps a posted X-Forwarded-For). Deployed behind a proxy or
  // a platform that sets one, name it, e.g. advanced: { ipAddress: { ipAddressHeaders:
  // ["x-real-ip"] } }; until then the plugin warns at start and its per-IP limits are off.
  // nextCookies() lets the password form's server actions set Better Auth's cookies: keep it last.
  plugins: [loginWithLink(), nextCookies()],
})
