import { NextRequest } from "next/server"
import { handlers } from "@/auth"
import { limitBody } from "@/app/lib/body-limit"
import { sameOriginOnly } from "@/app/lib/same-origin"

export const { GET } = handlers
// Sign-in callback and sign-out: refused when posted from another site (app/lib/same-origin.ts),
// and bodies over 16 KB refused before Auth.js parses them (app/lib/body-limit.ts).
export const POST = sameOriginOnly(
  limitBody(
    handlers.POST,
    (request, body) =>
      new NextRequest(request.url, {
        method: request.method,
        headers: request.headers,
        body,
      })
  )
)
