import { betterAuthConfig } from "./better-auth.config"

export default betterAuthConfig({
  name: "better-auth-next-app",
  command:
    "node node_modules/next/dist/bin/next start --port {port} --hostname 127.0.0.1",
  // Next.js reports 127.0.0.1 as "localhost" to route handlers and server actions: the browser
  // uses that name, so Better Auth's origin checks see one origin.
  host: "localhost",
})
