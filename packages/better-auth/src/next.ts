/**
 * `@login-with-link/better-auth/next`: `linkSignIn(auth, previousState, formData)`, the whole body
 * of a Next.js `"use server"` action for `<LinkSignInForm />` on better-auth. It posts the form to
 * the plugin's form route (`auth.api.signInLinkForm`, which runs the step and keeps the challenge
 * in an httpOnly cookie, `__Host-` over HTTPS) with the request's headers, sets the cookies it
 * answers (the challenge; better-auth's session, as its `nextCookies()` does), and redirects to the
 * checked `callbackUrl`. What the page shows comes from the sealed challenge, never from posted
 * fields. It works without JavaScript and across tabs. Import it from server code only.
 *
 * @module
 */
import type { SafeCallbackUrlOptions } from "@login-with-link/core"
import {
  isHttpsRequest,
  LINK_SIGN_IN_FIELDS,
  linkCallbackUrl,
  linkFormField,
  type LinkFormState,
} from "@login-with-link/core/form"
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies"
import { cookies, headers } from "next/headers.js"
import { redirect } from "next/navigation.js"
import { postedFields, type LinkFormBody } from "./client-action.js"
import { failedState, failureOf, type FormFailure } from "./form-answer.js"
import { LINK_FORM_CURRENT } from "./form-route.js"

/** A call of `auth.api`, answering its headers too (`returnHeaders: true`). */
type ApiCall<Body> = (input: {
  body: Body
  headers: Headers
  returnHeaders: true
}) => Promise<{ headers: Headers; response: unknown }>

/** What {@link linkSignIn} uses of `betterAuth({ plugins: [loginWithLink()] })`. */
export interface LinkBetterAuth {
  api: {
    signInLinkForm: ApiCall<LinkFormBody>
    /** better-auth's OAuth sign-in, for "Continue with Link" (the `genericOAuth` provider). */
    signInSocial?: ApiCall<{ provider: string; callbackURL?: string }>
  }
}

/** Options of {@link linkSignIn}. Every one is optional. */
export interface LinkSignInOptions {
  /**
   * Where a signed-in person goes: the posted `callbackUrl` (else the page's) when it is a
   * same-origin path (else `fallback`), never a path in `exclude` (e.g. the sign-in page itself).
   * @default { fallback: "/" }
   */
  callbackUrl?: SafeCallbackUrlOptions
  /** The OAuth provider "Continue with Link" signs in with. @default "link-oauth" */
  oauthProviderId?: string
}

/** Set the cookies an `auth.api` answer set (the session; OAuth's state), as `nextCookies()` does. */
async function applyCookies(answered: Headers): Promise<void> {
  const set = answered.get("set-cookie")
  if (!set) return
  const jar = await cookies()
  parseSetCookieHeader(set).forEach((value, name) => {
    if (name) jar.set(name, value.value, toCookieOptions(value))
  })
}

/** A thrown `APIError` as a form failure; anything else (a bug) is rethrown. */
function refusal(error: unknown): FormFailure {
  const { statusCode, body } = (error ?? {}) as {
    statusCode?: unknown
    body?: object
  }
  if (typeof statusCode !== "number") throw error
  return failureOf({ ...body, status: statusCode })
}

/** "Continue with Link": better-auth's OAuth sign-in, its cookies set; where to go, or why not. */
async function startOAuth(
  auth: LinkBetterAuth,
  requestHeaders: Headers,
  provider: string,
  callbackURL: string
): Promise<{ url: string } | FormFailure> {
  if (!auth.api.signInSocial) return { code: "link_unavailable" }
  try {
    const answered = await auth.api.signInSocial({
      body: { provider, callbackURL },
      headers: requestHeaders,
      returnHeaders: true,
    })
    const url = (answered.response as { url?: unknown } | null)?.url
    if (typeof url !== "string" || !/^https?:\/\//i.test(url))
      return { code: "link_unavailable" }
    await applyCookies(answered.headers)
    return { url }
  } catch (error) {
    // A provider better-auth does not know (genericOAuth not set up) is a coded state.
    return refusal(error)
  }
}

/**
 * The whole body of the app's sign-in server action on better-auth.
 *
 * - With form data (a form posted): runs the step the form asks for (`intent`: `start`, `verify`,
 *   `resend`, `change`, `resume`, `oauth`) and answers the state the form renders next.
 *   `previousState` is trusted for nothing. A right code sets better-auth's session cookie and
 *   redirects to the checked `callbackUrl` (Next.js's `redirect`, so it works without JavaScript).
 * - Without form data (the page, while it renders): the sign-in in progress, from the cookie, so a
 *   reload, another tab or a page without JavaScript continues where the person is.
 *
 * Every failure is a coded state; nothing the browser sends leads to an exception, except
 * Next.js's own redirect.
 *
 * @example
 * ```ts
 * // app/login/actions.ts
 * "use server"
 * import { linkSignIn } from "@login-with-link/better-auth/next"
 * import { auth } from "@/auth"
 * export const linkAction = async (state?: unknown, form?: FormData) =>
 *   linkSignIn(auth, state, form)
 * ```
 */
export async function linkSignIn(
  auth: LinkBetterAuth,
  previousState?: unknown,
  formData?: FormData | null,
  options: LinkSignInOptions = {}
): Promise<LinkFormState> {
  const requestHeaders = await headers()
  const form = async (body: LinkFormBody): Promise<LinkFormState> => {
    const answered = await auth.api.signInLinkForm({
      body,
      headers: requestHeaders,
      returnHeaders: true,
    })
    await applyCookies(answered.headers)
    return answered.response as LinkFormState
  }
  // The page, while it renders: the sign-in in progress (read only; a page sets no cookie).
  if (!(formData instanceof FormData)) {
    const answered = await auth.api.signInLinkForm({
      body: { intent: LINK_FORM_CURRENT },
      headers: requestHeaders,
      returnHeaders: true,
    })
    return answered.response as LinkFormState
  }
  const secure = isHttpsRequest(
    requestHeaders.get("x-forwarded-proto"),
    undefined,
    false
  )
  const host = (
    requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host")
  )
    ?.split(",")[0]
    ?.trim()
  const origin =
    host && URL.canParse(`https://${host}`)
      ? `${secure ? "https" : "http"}://${host}`
      : undefined
  const referer = requestHeaders.get("referer")
  const callbackUrl = linkCallbackUrl(
    linkFormField(formData, LINK_SIGN_IN_FIELDS.callbackUrl),
    { referer, origin },
    options.callbackUrl
  )
  // Link's sign-up page sends a new person back to this page (a same-origin path).
  const page =
    referer &&
    origin &&
    URL.canParse(referer) &&
    new URL(referer).origin === origin
      ? new URL(referer).pathname + new URL(referer).search
      : undefined
  const seq = (previousState as { seq?: unknown } | null | undefined)?.seq
  const body: LinkFormBody = {
    ...postedFields(formData),
    // Already checked as a same-origin path; the route checks it again.
    callbackUrl,
    ...(page ? { page } : {}),
    ...(typeof seq === "number" ? { seq } : {}),
  }
  if (body.intent === "oauth") {
    const started = await startOAuth(
      auth,
      requestHeaders,
      options.oauthProviderId ?? "link-oauth",
      callbackUrl
    )
    if ("url" in started) redirect(started.url)
    // The form's route words why.
    body.oauthError = started.code
  }
  let state: LinkFormState
  try {
    state = await form(body)
  } catch (error) {
    // better-auth refused the call before the route ran.
    return failedState(undefined, body.email ?? "", refusal(error))
  }
  if (state.redirectTo !== undefined) redirect(state.redirectTo)
  return state
}
