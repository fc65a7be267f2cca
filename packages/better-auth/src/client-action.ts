/**
 * `linkClientAction(authClient)`: the sign-in form's action in the browser, on better-auth's client
 * (`authClient.signIn.link.*`), for React apps without server actions (Vite, TanStack Start, React
 * Router). It needs JavaScript: without it the form posts nowhere. The challenge stays in this
 * tab's `sessionStorage` (a reload continues the sign-in); after a right code better-auth's client
 * refreshes `useSession()`, and the form tells the other tabs.
 *
 * @module
 */
import {
  safeCallbackUrl,
  type LinkCodeSentOutcome,
  type SafeCallbackUrlOptions,
} from "@login-with-link/core"
import {
  LINK_SIGN_IN_FIELDS,
  linkFormField,
  runLinkForm,
  type LinkFormAction,
  type LinkFormState,
  type LinkPending,
  type LinkPendingStore,
  type LinkStepFailure,
} from "@login-with-link/core/form"
import { readLinkAnswer } from "./answer.js"
import { linkPluginErrorCopy, type LinkPluginErrorCode } from "./plugin-copy.js"

/** A call of better-auth's client: a body in, `{ data, error }` out. */
type ClientCall<Body> = (
  body: Body
) => Promise<{ data: unknown; error: unknown }>

/** What {@link linkClientAction} uses of `createAuthClient({ plugins: [loginWithLinkClient()] })`. */
export interface LinkAuthClient {
  signIn: {
    link: {
      start: ClientCall<{
        email: string
        callbackURL?: string
        humanToken?: string
      }>
      resend: ClientCall<{ challenge: string; humanToken?: string }>
      verify: ClientCall<{ challenge: string; code: string }>
    }
    /** better-auth's OAuth sign-in, for "Continue with Link" (the `genericOAuth` provider). */
    social?: ClientCall<{ provider: string; callbackURL?: string }>
  }
}

/** Options of {@link linkClientAction}. Every one is optional. */
export interface LinkClientActionOptions {
  /**
   * Where a signed-in person goes: the form's `callbackUrl` when it is a same-origin path (else
   * `fallback`), never a path in `exclude`.
   * @default { fallback: "/" }
   */
  callbackUrl?: SafeCallbackUrlOptions
  /** The OAuth provider "Continue with Link" signs in with. @default "link-oauth" */
  oauthProviderId?: string
  /** Where the challenge waits between the steps. @default this tab's sessionStorage */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">
}

const PENDING_KEY = "login-with-link:pending"

const failed = (code: LinkStepFailure["code"]): LinkStepFailure => ({
  status: "error",
  code,
})

/** The plugin's failure as the form's: its code, waits, and words for the plugin's own codes. */
function stepFailure(answer: unknown): LinkStepFailure {
  const read = readLinkAnswer(answer)
  if (read?.status !== "error") return failed("link_unavailable")
  const failure: LinkStepFailure = { status: "error", code: read.code }
  if (read.retryAfter !== undefined) failure.retryAfter = read.retryAfter
  if (read.attemptsLeft !== undefined) failure.attemptsLeft = read.attemptsLeft
  if (read.code in linkPluginErrorCopy)
    failure.copy = linkPluginErrorCopy[read.code as LinkPluginErrorCode]
  return failure
}

/** better-auth refused the page's own URL as the way back (not a trusted origin). */
const isCallbackRefusal = (answer: unknown): boolean =>
  (answer as { error?: { code?: unknown } | null } | undefined)?.error?.code ===
  "INVALID_CALLBACK_URL"

/** The tab's storage, else memory (no `sessionStorage`: a worker, a locked-down browser). */
function defaultStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> {
  try {
    if (typeof sessionStorage !== "undefined") return sessionStorage
  } catch {
    // Access denied (storage turned off): fall through to memory.
  }
  const memory = new Map<string, string>()
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
  }
}

/** The pending sign-in in the tab's storage: the challenge and what the plugin said of it. */
function storagePending(
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">
): LinkPendingStore {
  return {
    async read(): Promise<LinkPending> {
      let saved: Partial<LinkCodeSentOutcome> | undefined
      try {
        saved = JSON.parse(storage.getItem(PENDING_KEY) ?? "null") ?? undefined
      } catch {
        saved = undefined
      }
      if (saved === undefined) return { status: "none" }
      const { challenge, email, redactedPhone, expiresAt, resendAt } = saved
      if (
        typeof challenge !== "string" ||
        typeof email !== "string" ||
        typeof redactedPhone !== "string" ||
        typeof expiresAt !== "number" ||
        typeof resendAt !== "number"
      ) {
        storage.removeItem(PENDING_KEY)
        return { status: "refused", code: "challenge_invalid", email: "" }
      }
      if (expiresAt <= Date.now())
        return { status: "refused", code: "challenge_expired", email }
      return {
        status: "open",
        challenge,
        view: { email, redactedPhone, expiresAt, resendAt },
      }
    },
    async write(sent) {
      const { challenge, email, redactedPhone, expiresAt, resendAt } = sent
      storage.setItem(
        PENDING_KEY,
        JSON.stringify({ challenge, email, redactedPhone, expiresAt, resendAt })
      )
    },
    async clear() {
      storage.removeItem(PENDING_KEY)
    },
  }
}

/**
 * The form's action on better-auth's client: pass it to `<LinkSignInForm action={...} />`.
 * JavaScript is required (the steps run in the browser). A right code sets better-auth's session
 * cookie, `useSession()` refreshes (the client plugin's signal), and the form goes to the checked
 * `callbackUrl` and tells the app's other tabs.
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
  const link = authClient.signIn.link
  const oauthProvider = options.oauthProviderId ?? "link-oauth"
  let pending: LinkPendingStore | undefined
  return async (previousState, formData) => {
    pending ??= storagePending(options.storage ?? defaultStorage())
    const callbackUrl = safeCallbackUrl(
      linkFormField(formData, LINK_SIGN_IN_FIELDS.callbackUrl),
      options.callbackUrl
    )
    // Link's sign-up page sends a new person back to this page, the email filled in (an http(s)
    // page the server trusts; otherwise the server's default).
    const here =
      typeof location !== "undefined" && /^https?:$/.test(location.protocol)
        ? location.href.split("#")[0]
        : undefined
    const signedIn = async (
      to: string,
      seq: number
    ): Promise<LinkFormState> => ({
      step: "email",
      email: "",
      serverNow: Date.now(),
      seq,
      redirectTo: to,
    })
    return runLinkForm(previousState, formData, {
      pending,
      callbackUrl,
      signedIn,
      redirect: async (url) => {
        if (typeof location !== "undefined") location.assign(url)
        return { step: "email", email: "", serverNow: Date.now(), seq: 0 }
      },
      steps: {
        async start(email, ctx) {
          const body = {
            email,
            ...(ctx.humanToken ? { humanToken: ctx.humanToken } : {}),
          }
          let answer = await link
            .start(here ? { ...body, callbackURL: here } : body)
            .catch(() => undefined)
          // This page is not one of the server's trusted origins: its default way back, then.
          if (here && isCallbackRefusal(answer))
            answer = await link.start(body).catch(() => undefined)
          const read = readLinkAnswer(answer)
          return read?.status === "code_sent" ||
            read?.status === "signup_required"
            ? read
            : stepFailure(answer)
        },
        async resend(challenge, ctx) {
          const answer = await link
            .resend({
              challenge,
              ...(ctx.humanToken ? { humanToken: ctx.humanToken } : {}),
            })
            .catch(() => undefined)
          const read = readLinkAnswer(answer)
          return read?.status === "code_sent" ? read : stepFailure(answer)
        },
        async verify(challenge, code) {
          const answer = await link
            .verify({ challenge, code })
            .catch(() => undefined)
          const { data, error } = answer ?? {}
          if (!error && typeof data === "object" && data !== null)
            return { status: "signed_in" }
          return stepFailure(answer)
        },
        async oauth(ctx) {
          const social = authClient.signIn.social
          if (!social) return failed("link_unavailable")
          const answer = await social({
            provider: oauthProvider,
            callbackURL: ctx.callbackUrl,
          }).catch(() => undefined)
          const url = (answer?.data as { url?: unknown } | null | undefined)
            ?.url
          return typeof url === "string" && /^https?:\/\//i.test(url)
            ? { status: "redirect", url }
            : stepFailure(answer)
        },
      },
    })
  }
}
