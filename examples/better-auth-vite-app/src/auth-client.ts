import { createAuthClient } from "better-auth/react"

// The server is on the same origin (Vite's proxy in development).
export const authClient = createAuthClient({ plugins: [] })
