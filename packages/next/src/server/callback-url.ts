/**
 * Where a signed-in person goes: the posted `callbackUrl` (else the one in the page's address),
 * checked by the core's `safeCallbackUrl`, so that only same-origin paths pass.
 *
 * @module
 */
import { headers } from "next/headers"
import {
  safeCallbackUrl,
  type SafeCallbackUrlOptions,
} from "@login-with-link/core"
import { LINK_SIGN_IN_FIELDS } from "@login-with-link/react"
import { isHttpsRequest } from "./challenge-cookie.js"
import { field } from "./fields.js"

/** The posted `callbackUrl`, else the one in the page's address (the Referer), checked. */
export async function callbackUrlOf(
  formData: FormData,
  options: SafeCallbackUrlOptions
): Promise<string> {
  let value: string | undefined = field(
    formData,
    LINK_SIGN_IN_FIELDS.callbackUrl
  )
  if (!value) {
    const referer = (await headers()).get("referer")
    if (referer && URL.canParse(referer))
      value = new URL(referer).searchParams.get("callbackUrl") ?? undefined
  }
  return safeCallbackUrl(await ownOriginAsPath(value), options)
}

/**
 * Auth.js sends people to a custom sign-in page with an absolute `callbackUrl`
 * (`/api/auth/signin` and the proxy's `authorized` redirect both write
 * `/login?callbackUrl=https://shop.example/account`). One on this request's own origin (the host
 * and scheme Next.js itself checks a server action's Origin against) is taken as its path, which
 * `safeCallbackUrl` then checks like any other; any other absolute URL is left for it to refuse.
 */
async function ownOriginAsPath(
  value: string | undefined
): Promise<string | undefined> {
  if (!value || !/^https?:\/\//i.test(value) || !URL.canParse(value))
    return value
  const requestHeaders = await headers()
  const host = (
    requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host")
  )
    ?.split(",")[0]
    ?.trim()
  const scheme = (await isHttpsRequest()) ? "https" : "http"
  if (!host || !URL.canParse(`${scheme}://${host}`)) return value
  const url = new URL(value)
  if (url.origin !== new URL(`${scheme}://${host}`).origin) return value
  return `${url.pathname}${url.search}${url.hash}`
}
