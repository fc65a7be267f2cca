/**
 * `linkClientAction(authClient)`: the sign-in form's action in the browser, on better-auth's client,
 * for React apps without server actions (Vite, TanStack Start, React Router). It needs JavaScript:
 * without it the form posts nowhere. Each step is one call of the plugin's form route
 * (`authClient.signIn.link.form`), which runs the step on the server and keeps the challenge in an
 * httpOnly cookie, out of reach of the page's scripts (a reload or another tab continues the
 * sign-in). After a right code better-auth's session cookie is set, `useSession()` refreshes, and
 * the form goes to the checked `callbackUrl` and tells the other tabs.
 *
 * @module
 */
import {
  LINK_SIGN_IN_FIELDS,
  type LinkFormAction,
  type LinkFormState,
} from "@login-with-link/core/form"
import { failedState, failureOf } from "./form-answer.js"

/** A call of better-auth's client: a body (and fetch options) in, `{ data, error }` out. */
type ClientCall<Body> = (
  body: Body,
  fetchOptions?: {
    onError?: (context: { response: Response }) => void
  }
) => Promise<{ data: unknown; error: unknown }>

/** What the form's route takes: the posted form's fields, and what the driver adds. */
export interface LinkFormBody {
  intent?: string
  email?: string
  code?: string
  callbackUrl?: string
  fallbackUrl?: string
  exclude?: string[]
  humanToken?: string
  page?: string
  oauthError?: string
  seq?: number
}

/** What {@link linkClientAction} uses of `createAuthClient({ plugins: [loginWithLinkClient()] })`. */
export interface LinkAuthClient {
  signIn: {
    link: { form: ClientCall<LinkFormBody> }
    /** better-auth's OAuth sign-in, for "Continue with Link" (the `genericOAuth` provider). */
    social?: ClientCall<{ provider: string; callbackURL?: string }>
  }
  /** better-auth's signals: `$sessionSignal` refreshes `useSession()`. */
  $store?: { notify(signal: string): void }
}

/** Options of {@link linkClientAction}. Every one is optional. */
export interface LinkClientActionOptions {
  /**
   * Where a signed-in person goes: the form's `callbackUrl` when it is a same-origin path (else
   * `fallback`), never a path in `exclude`. The server checks them all.
   * @default { fallback: "/" }
   */
  callbackUrl?: { fallback?: string; exclude?: string[] }
  /** The OAuth provider "Continue with Link" signs in with. @default "link-oauth" */
  oauthProviderId?: string
}

/** What a posted form gives the form's route: its step and fields, as posted (the route bounds them). */
export function postedFields(formData: FormData): LinkFormBody {
  const field = (name: string) => {
    const value = formData.get(name)
    return typeof value === "string" ? value : undefined
  }
  return {
    intent: field(LINK_SIGN_IN_FIELDS.intent),
    email: field(LINK_SIGN_IN_FIELDS.email),
    code: field(LINK_SIGN_IN_FIELDS.code),
    callbackUrl: field(LINK_SIGN_IN_FIELDS.callbackUrl),
    humanToken: field(LINK_SIGN_IN_FIELDS.humanToken),
  }
}

const isFormState = (value: unknown): value is LinkFormState =>
  typeof (value as LinkFormState | null)?.step === "string" &&
  typeof (value as LinkFormState).seq === "number"

/**
 * A same-origin path (no `//` or `/\` start, no control character a URL parser drops), else
 * `fallback`; better-auth checks OAuth's `callbackURL` again.
 */
const samePath = (value: string | undefined, fallback: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  value && /^\/(?![/\\])[^\\\0-\x1f\x7f]*$/.test(value) ? value : fallback

/**
 * The form's action on better-auth's client: pass it to `<LinkSignInForm action={...} />`.
 * JavaScript is required. A right code sets better-auth's session cookie, `useSession()`
 * refreshes, and the form goes to the checked `callbackUrl` and tells the app's other tabs.
 *
 * @example
 * ```tsx
 * const action = linkClientAction(authClient)
 * export const Login = () => <LinkSignInForm action={action} />
 * ```
 */
export function linkClientAction(
  authClient: LinkAuthClient,
  options: LinkClientActionOptions = {}
): LinkFormAction {
  const { fallback, exclude } = options.callbackUrl ?? {}
  return async (shown, formData) => {
    const state = isFormState(shown) ? shown : undefined
    const body: LinkFormBody = {
      ...postedFields(formData),
      ...(fallback ? { fallbackUrl: fallback } : {}),
      ...(exclude ? { exclude } : {}),
      // Link's sign-up page sends a new person back here, when the app trusts this page.
      ...(typeof location !== "undefined"
        ? { page: location.href.split("#")[0] }
        : {}),
      ...(state ? { seq: state.seq } : {}),
    }
    if (body.intent === "oauth") {
      const to = samePath(body.callbackUrl, fallback ?? "/")
      const answer = await authClient.signIn
        .social?.({
          provider: options.oauthProviderId ?? "link-oauth",
          callbackURL: exclude?.includes(to.split(/[?#]/)[0]!)
            ? (fallback ?? "/")
            : to,
        })
        .catch(() => undefined)
      const url = (answer?.data as { url?: unknown } | null | undefined)?.url
      if (typeof url === "string" && /^https?:\/\//i.test(url)) {
        if (typeof location !== "undefined") location.assign(url)
        return state ?? { step: "email", email: "", serverNow: 0, seq: 0 }
      }
      // The form's route words why.
      body.oauthError = failureOf(answer?.error).code
    }
    // better-auth's own limiter says its wait only in a header, not in the error's body.
    let wait: number | undefined
    const answer = await authClient.signIn.link
      .form(body, {
        onError: ({ response }) => {
          wait = Number(response.headers.get("x-retry-after")) || undefined
        },
      })
      .catch(() => undefined)
    if (!isFormState(answer?.data))
      return failedState(
        state,
        body.email ?? "",
        failureOf({ retryAfter: wait, ...(answer?.error as object) })
      )
    if (answer.data.redirectTo !== undefined)
      authClient.$store?.notify("$sessionSignal")
    return answer.data
  }
}
