import { handlers } from "@/auth"
import { sameOriginOnly } from "@/app/lib/same-origin"

export const { GET } = handlers
// Sign-in callback and sign-out: refused when posted from another site (app/lib/same-origin.ts).
export const POST = sameOriginOnly(handlers.POST)
