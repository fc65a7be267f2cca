import { createAuthClient } from "better-auth/react"
import { loginWithLinkClient } from "@login-with-link/better-auth/client"
// The server is on the same origin (Vite's proxy in development).
export const authClient = createAuthClient({ plugins: [loginWithLinkClient()] })
