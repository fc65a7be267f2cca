/**
 * Where a signed-in person goes: the posted `callbackUrl` (else the one in the page's address),
 * checked by `@login-with-link/core/form`'s `linkCallbackUrl`, so that only same-origin paths pass.
 *
 * @module
 */
import { headers } from "next/headers"
import type { SafeCallbackUrlOptions } from "@login-with-link/core"
import {
  LINK_SIGN_IN_FIELDS,
  linkCallbackUrl,
  linkFormField,
} from "@login-with-link/core/form"
import { isHttpsRequest } from "./challenge-cookie.js"

/**
 * The posted `callbackUrl`, else the one in the page's address (the Referer), checked. Auth.js
 * sends people to a custom sign-in page with an absolute `callbackUrl` (`/api/auth/signin` and the
 * proxy's `authorized` redirect both write `/login?callbackUrl=https://shop.example/account`): one
 * on this request's own origin (the host and scheme Next.js itself checks a server action's Origin
 * against) is taken as its path.
 */
export async function callbackUrlOf(
  formData: FormData,
  options: SafeCallbackUrlOptions
): Promise<string> {
  const requestHeaders = await headers()
  const host = (
    requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host")
  )
    ?.split(",")[0]
    ?.trim()
  const origin = `${(await isHttpsRequest()) ? "https" : "http"}://${host}`
  return linkCallbackUrl(
    linkFormField(formData, LINK_SIGN_IN_FIELDS.callbackUrl),
    {
      referer: requestHeaders.get("referer"),
      origin: host && URL.canParse(origin) ? origin : undefined,
    },
    options
  )
}
