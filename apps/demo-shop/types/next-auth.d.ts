import type { DefaultSession } from "next-auth"

declare module "next-auth" {
  interface User {
    /** Shared by Link for approved shops only; may be absent. */
    city?: string
  }
  interface Session {
    user: { city?: string } & DefaultSession["user"]
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    city?: string
  }
}
