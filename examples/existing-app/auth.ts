import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import { UnstorageAdapter } from "@auth/unstorage-adapter"
import { createStorage } from "unstorage"

// Users and linked accounts in unstorage (in memory here; any unstorage driver in production).
const storage = createStorage()

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: UnstorageAdapter(storage),
  session: { strategy: "jwt" },
  providers: [
    // AUTH_GITHUB_ID and AUTH_GITHUB_SECRET come from the environment. AUTH_GITHUB_URL points at
    // a GitHub Enterprise server (or a local stand-in); unset, it is github.com.
    GitHub({ enterprise: { baseUrl: process.env.AUTH_GITHUB_URL } }),
  ],
})
