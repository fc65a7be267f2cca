/**
 * `@login-with-link/better-auth/next`: `linkSignIn(auth, previousState, formData)`, the whole body
 * of a Next.js `"use server"` action for `<LinkSignInForm />` on better-auth. It calls the plugin's
 * `auth.api.signInLinkStart` / `Resend` / `Verify` with the request's headers, keeps the challenge
 * in an httpOnly cookie (`__Host-` over HTTPS), shows what the sealed challenge says (never posted
 * fields), sets better-auth's session cookie as its `nextCookies()` does, and redirects to the
 * checked `callbackUrl`. It works without JavaScript and across tabs. Import it from server code
 * only.
 *
 * @module
 */
import {
  type ChallengeView,
  type LinkCodeSentOutcome,
  type LinkSignupOutcome,
  type SafeCallbackUrlOptions,
} from "@login-with-link/core"
import {
  currentLinkForm,
  isHttpsRequest,
  LINK_SIGN_IN_FIELDS,
  linkCallbackUrl,
  linkChallengeCookieAttributes,
  linkChallengeCookieName,
  linkFormField,
  readLinkChallengeCookie,
  runLinkForm,
  type LinkFormState,
  type LinkPending,
  type LinkPendingStore,
  type LinkStepFailure,
} from "@login-with-link/core/form"
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies"
import { cookies, headers } from "next/headers.js"
import { redirect, unstable_rethrow } from "next/navigation.js"
import { readLinkAnswer } from "./answer.js"
import { linkPluginErrorCopy, type LinkPluginErrorCode } from "./plugin-copy.js"

/** A call of `auth.api`, answering its headers too (`returnHeaders: true`). */
type ApiCall<Body> = (input: {
  body: Body
  headers: Headers
  returnHeaders: true
}) => Promise<{ headers: Headers; response: unknown }>

/** What {@link linkSignIn} uses of `betterAuth({ plugins: [loginWithLink()] })`. */
export interface LinkBetterAuth {
  api: {
    signInLinkStart: ApiCall<{
      email: string
      callbackURL?: string
      humanToken?: string
    }>
    signInLinkResend: ApiCall<{ challenge: string; humanToken?: string }>
    signInLinkVerify: ApiCall<{ challenge: string; code: string }>
    readLinkChallenge: (input: {
      body: { challenge: string; allowExpired?: boolean }
    }) => Promise<ChallengeView>
    /** better-auth's OAuth sign-in, for "Continue with Link" (the `genericOAuth` provider). */
    signInSocial?: ApiCall<{ provider: string; callbackURL?: string }>
  }
  $context: Promise<{ baseURL: string }>
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

/** Whether this request came over HTTPS: the proxy's header, else better-auth's base URL. */
async function secureRequest(auth: LinkBetterAuth): Promise<boolean> {
  const forwarded = (await headers()).get("x-forwarded-proto")
  let baseURL: string | undefined
  try {
    baseURL = (await auth.$context).baseURL || undefined
  } catch {
    baseURL = undefined
  }
  return isHttpsRequest(forwarded, baseURL, false)
}

/** The challenge in the httpOnly cookie, read through the plugin (`auth.api.readLinkChallenge`). */
function cookiePending(
  auth: LinkBetterAuth,
  secure: boolean
): LinkPendingStore {
  const name = linkChallengeCookieName(secure)
  return {
    async read(): Promise<LinkPending> {
      const cookie = readLinkChallengeCookie((await cookies()).get(name)?.value)
      if (cookie.status === "missing") return { status: "none" }
      if (cookie.status === "oversized")
        return { status: "refused", code: "challenge_invalid", email: "" }
      const { challenge } = cookie
      try {
        const view = await auth.api.readLinkChallenge({ body: { challenge } })
        return { status: "open", challenge, view }
      } catch (error) {
        unstable_rethrow(error)
        const read = readLinkAnswer(error)
        if (read?.status !== "error" || read.code !== "challenge_expired")
          return { status: "refused", code: "challenge_invalid", email: "" }
        // Expired but genuine: the email can be filled in again.
        const expired = await auth.api
          .readLinkChallenge({ body: { challenge, allowExpired: true } })
          .catch(() => undefined)
        return {
          status: "refused",
          code: "challenge_expired",
          email: expired?.email ?? "",
        }
      }
    },
    async write(sent) {
      ;(await cookies()).set(
        name,
        sent.challenge,
        linkChallengeCookieAttributes(secure, sent.expiresAt)
      )
    },
    async clear() {
      const jar = await cookies()
      // Deleted with the attributes it was set with (a `__Host-` deletion must be Secure too).
      if (jar.has(name))
        jar.set(name, "", linkChallengeCookieAttributes(secure, 0))
    },
  }
}

/** Whether a value is better-auth's `APIError` (a coded HTTP answer, not a bug). */
const isApiError = (error: unknown): boolean =>
  typeof (error as { statusCode?: unknown } | null)?.statusCode === "number"

/**
 * A failed `auth.api` call as the form's failure: the plugin's code, else (another better-auth
 * refusal, e.g. its origin check) `link_unavailable`. What is not an `APIError` is rethrown.
 */
function failure(error: unknown): LinkStepFailure {
  unstable_rethrow(error)
  const read = readLinkAnswer(error)
  if (read?.status !== "error") {
    if (isApiError(error)) return { status: "error", code: "link_unavailable" }
    throw error
  }
  const answer: LinkStepFailure = { status: "error", code: read.code }
  if (read.retryAfter !== undefined) answer.retryAfter = read.retryAfter
  if (read.attemptsLeft !== undefined) answer.attemptsLeft = read.attemptsLeft
  if (read.code in linkPluginErrorCopy)
    answer.copy = linkPluginErrorCopy[read.code as LinkPluginErrorCode]
  return answer
}

/** A successful start or resend, as sent; anything else is Link unavailable. */
function codeSentOrSignup(
  response: unknown
): LinkCodeSentOutcome | LinkSignupOutcome | LinkStepFailure {
  const read = readLinkAnswer(response)
  return read?.status === "code_sent" || read?.status === "signup_required"
    ? read
    : { status: "error", code: "link_unavailable" }
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
  const secure = await secureRequest(auth)
  const pending = cookiePending(auth, secure)
  if (!(formData instanceof FormData)) return currentLinkForm(pending)
  const requestHeaders = await headers()
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
  const call = { headers: requestHeaders, returnHeaders: true } as const
  return runLinkForm(previousState, formData, {
    pending,
    callbackUrl,
    signedIn: async (to) => redirect(to),
    redirect: async (url) => redirect(url),
    steps: {
      async start(email, ctx) {
        try {
          const { response } = await auth.api.signInLinkStart({
            ...call,
            body: {
              email,
              ...(page ? { callbackURL: page } : {}),
              ...(ctx.humanToken ? { humanToken: ctx.humanToken } : {}),
            },
          })
          return codeSentOrSignup(response)
        } catch (error) {
          return failure(error)
        }
      },
      async resend(challenge, ctx) {
        try {
          const { response } = await auth.api.signInLinkResend({
            ...call,
            body: {
              challenge,
              ...(ctx.humanToken ? { humanToken: ctx.humanToken } : {}),
            },
          })
          const sent = codeSentOrSignup(response)
          return sent.status === "signup_required"
            ? { status: "error", code: "link_unavailable" }
            : sent
        } catch (error) {
          return failure(error)
        }
      },
      async verify(challenge, code) {
        try {
          const answered = await auth.api.signInLinkVerify({
            ...call,
            body: { challenge, code },
          })
          await applyCookies(answered.headers)
          return { status: "signed_in" }
        } catch (error) {
          return failure(error)
        }
      },
      async oauth(ctx) {
        if (!auth.api.signInSocial)
          return { status: "error", code: "link_unavailable" }
        try {
          const answered = await auth.api.signInSocial({
            ...call,
            body: {
              provider: options.oauthProviderId ?? "link-oauth",
              callbackURL: ctx.callbackUrl,
            },
          })
          const url = (answered.response as { url?: unknown } | null)?.url
          if (typeof url !== "string" || !/^https?:\/\//i.test(url))
            return { status: "error", code: "link_unavailable" }
          await applyCookies(answered.headers)
          return { status: "redirect", url }
        } catch (error) {
          // A provider better-auth does not know (genericOAuth not set up) is a coded state.
          return failure(error)
        }
      },
    },
  })
}
