import { betterAuth } from "better-auth"
import { loginWithLink } from "@login-with-link/better-auth"
import { database } from "./database.ts"

/** The header the server sets to the connection's address (see index.ts). */
export const CLIENT_IP_HEADER = "x-client-ip"

// BETTER_AUTH_SECRET and BETTER_AUTH_URL come from the environment; loginWithLink() reads
// AUTH_LINK_KEY (and AUTH_LINK_API_URL, e.g. the simulator in development).
export const auth = betterAuth({
  database,
  emailAndPassword: { enabled: true },
  // Rate limits key on the client's address: the one the server saw, never one a client sent.
  advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
  plugins: [loginWithLink()],
})
