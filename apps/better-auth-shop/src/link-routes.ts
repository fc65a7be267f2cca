/**
 * Mode `link`: the sign-in forms. Plain HTML forms post to these routes, which call the
 * `@login-with-link/better-auth` plugin's endpoints through Better Auth (`/sign-in/link/start`,
 * `/resend`, `/verify`) and render the answer. No JavaScript is needed anywhere.
 *
 * Between the steps the plugin's sealed challenge is kept in an httpOnly, signed, SameSite=Lax
 * cookie (`__Host-` and Secure over https), never in the page. On verify, Better Auth's session
 * cookie is handed on to the browser.
 * @module
 */
import type { Context, Hono } from "hono"
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie"
import { createHash } from "node:crypto"
import type { AuthAnswer, AuthCalls } from "./auth-calls.js"
import { forwardCookies } from "./auth-calls.js"
import {
  linkPluginErrorCopy,
  readLinkAnswer,
  type LinkAnswer,
  type LinkAnswerError,
} from "@login-with-link/better-auth/client"
import {
  isLinkErrorCode,
  linkCodeStartsOver,
  linkErrorCopy,
  linkErrorText,
  redactedPhoneDigits,
  type LinkErrorCode,
} from "./link-shared.js"
import { safeReturnTo } from "./return-to.js"
import { shopError } from "./shop-errors.js"
import { startSocialSignIn } from "./social.js"
import { codePage, emailPage, invitePage, type PageError } from "./views.js"

/** What the routes need. */
export interface LinkRoutesOptions {
  calls: AuthCalls
  baseUrl: string
  /** Key of the pending sign-in cookie (a key for this cookie only is derived from it). */
  secret: string
  devOutboxUrl?: string | undefined
  /**
   * Mode `oauth`: "Continue with Link" (Link's own OAuth page, through `genericOAuth`) above the
   * email step, posting to `/login/oauth`.
   */
  oauthProviderId?: string | undefined
}

/** The sign-in in progress, kept in the browser between the email and the code step. */
interface PendingSignIn {
  /** The plugin's sealed challenge: opaque, encrypted, expires with the code. */
  challenge: string
  email: string
  redactedPhone: string
  /** ms since the epoch */
  expiresAt: number
  /** ms since the epoch */
  resendAt: number
  returnTo: string
}

/** A Link sign-in failure, as the shop shows it: the reader's code, with the HTTP status. */
export interface LinkFailure {
  code: LinkAnswerError["code"]
  status: number
  retryAfter?: number | undefined
  attemptsLeft?: number | undefined
}

const COOKIE = "pantry_link_signin"
const MAX_EMAIL_LENGTH = 320
const MAX_CODE_LENGTH = 32
type Step = "start" | "resend" | "verify"

/** What a failure means when the plugin's answer carries no code we know (it always should). */
const FALLBACK_CODE: Record<Step, LinkErrorCode> = {
  start: "invalid_email",
  resend: "challenge_invalid",
  verify: "invalid_code",
}

/** What the plugin answered a step, read by the plugin's own reader (`readLinkAnswer`). */
function readAnswer(answer: AuthAnswer): LinkAnswer | undefined {
  return answer.status === 200
    ? readLinkAnswer(answer.data)
    : readLinkAnswer({
        error: {
          ...(typeof answer.data === "object" ? answer.data : {}),
          status: answer.status,
        },
      })
}

/** Reads a failed answer of the plugin (or of Better Auth's own limiter) as a coded failure. */
export function readLinkFailure(answer: AuthAnswer, step: Step): LinkFailure {
  const read = answer.status === 200 ? undefined : readAnswer(answer)
  const failure = read?.status === "error" ? read : undefined
  // Better Auth's own limiter answers 429 with the wait in a header, not in the body.
  const header = Number(answer.headers.get("x-retry-after") ?? Number.NaN)
  const retryAfter =
    failure?.retryAfter ??
    (Number.isFinite(header) && header > 0 ? Math.ceil(header) : undefined)
  return {
    code: failure?.code ?? FALLBACK_CODE[step],
    status: answer.status >= 400 ? answer.status : 400,
    retryAfter,
    attemptsLeft: failure?.attemptsLeft,
  }
}

/** The phone as the pages show it: "•••• 23" for Link's `+1*******23`. */
const readablePhone = (redacted: string) => {
  const digits = redactedPhoneDigits(redacted)
  return digits ? `•••• ${digits}` : redacted
}

/**
 * The words for a failure: core's `linkErrorText` for Link's codes (with the wait or the tries
 * left), the plugin's `linkPluginErrorCopy` for its own.
 */
export function linkFailureCopy(failure: LinkFailure): PageError {
  const { code } = failure
  if (!isLinkErrorCode(code)) return { code, ...linkPluginErrorCopy[code] }
  return {
    code,
    message: linkErrorText(code, { ...failure, part: "message" }),
    action: linkErrorText(code, { ...failure, part: "action" }),
  }
}

/** The posted form, or an empty one when the body cannot be read as a form (then a coded refusal follows). */
async function readForm(c: Context): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody()
  } catch {
    return {}
  }
}

/** A form field as a string of at most `max` characters ("" when absent or not text). */
function field(form: Record<string, unknown>, name: string, max: number) {
  const value = form[name]
  return typeof value === "string" ? value.slice(0, max + 1) : ""
}

/** Adds the sign-in routes under `/login`. */
export function registerLinkRoutes(app: Hono, options: LinkRoutesOptions) {
  const { calls } = options
  const secure = options.baseUrl.startsWith("https:")
  const prefix = secure ? ("host" as const) : undefined
  const cookieSecret = createHash("sha256")
    .update(`better-auth-shop pending sign-in cookie\0${options.secret}`)
    .digest("base64url")
  const cookieOptions = {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/",
    ...(prefix ? { prefix } : {}),
  } as const

  async function readPending(c: Context): Promise<PendingSignIn | undefined> {
    const raw = await getSignedCookie(c, cookieSecret, COOKIE, prefix)
    if (!raw) return undefined
    try {
      const pending = JSON.parse(raw) as PendingSignIn
      if (typeof pending.challenge !== "string") return undefined
      return pending.expiresAt > Date.now() ? pending : undefined
    } catch {
      return undefined
    }
  }

  async function writePending(c: Context, pending: PendingSignIn) {
    const maxAge = Math.max(
      1,
      Math.ceil((pending.expiresAt - Date.now()) / 1000)
    )
    await setSignedCookie(c, COOKIE, JSON.stringify(pending), cookieSecret, {
      ...cookieOptions,
      maxAge,
    })
  }

  function clearPending(c: Context) {
    deleteCookie(c, COOKIE, cookieOptions)
  }

  function renderCode(
    c: Context,
    pending: PendingSignIn,
    extra: {
      error?: PageError
      notice?: string
      status?: number
      early?: boolean
    } = {}
  ) {
    return c.html(
      codePage({
        email: pending.email,
        redactedPhone: pending.redactedPhone,
        expiresAt: pending.expiresAt,
        resendAt: pending.resendAt,
        now: Date.now(),
        error: extra.error,
        notice: extra.notice,
        early: extra.early,
        outboxUrl: options.devOutboxUrl,
      }),
      (extra.status ?? 200) as 200
    )
  }

  function renderEmail(
    c: Context,
    props: {
      returnTo: string
      email?: string
      error?: PageError
      notice?: string
      status?: number
    }
  ) {
    return c.html(
      emailPage({
        returnTo: props.returnTo,
        email: props.email,
        error: props.error,
        notice: props.notice,
        oauth: options.oauthProviderId !== undefined,
      }),
      (props.status ?? 200) as 200
    )
  }

  /** Where Link's sign-up page sends the person back: this email step, email filled in. */
  function signupReturnPath(email: string, returnTo: string): string {
    return `/login?${new URLSearchParams({ email, return_to: returnTo })}`
  }

  /** A failed resend or verify: stay on the code step, or start over with the email. */
  function failedOnCodeStep(
    c: Context,
    pending: PendingSignIn,
    failure: LinkFailure
  ) {
    if (!isLinkErrorCode(failure.code) || linkCodeStartsOver(failure.code)) {
      clearPending(c)
      return renderEmail(c, {
        returnTo: pending.returnTo,
        email: pending.email,
        error: linkFailureCopy(failure),
        status: failure.status,
      })
    }
    return renderCode(c, pending, {
      error: linkFailureCopy(failure),
      status: failure.status,
    })
  }

  /** No sign-in in progress (cookie gone, expired or from another browser): back to the email. */
  function noPending(c: Context, returnTo = "/account") {
    clearPending(c)
    return renderEmail(c, {
      returnTo,
      error: shopError("signin_expired"),
      status: 400,
    })
  }

  app.get("/login", async (c) => {
    const returnTo = safeReturnTo(c.req.query("return_to"))
    if (await calls.session(c)) return c.redirect(returnTo, 302)
    const email = c.req.query("email")?.slice(0, MAX_EMAIL_LENGTH)
    return renderEmail(c, {
      returnTo,
      ...(email ? { email } : {}),
      ...(email
        ? { notice: "Welcome back. Continue to get your code by text." }
        : {}),
    })
  })

  app.post("/login", async (c) => {
    const form = await readForm(c)
    const returnTo = safeReturnTo(form.return_to)
    const email = field(form, "email", MAX_EMAIL_LENGTH).trim()
    const answer = await calls.call(c, "/sign-in/link/start", {
      method: "POST",
      // Where Link's sign-up page sends someone new back to: this step, email filled in.
      body: { email, callbackURL: signupReturnPath(email, returnTo) },
    })
    const read = readAnswer(answer)
    if (read?.status === "code_sent") {
      await writePending(c, {
        challenge: read.challenge,
        email: read.email,
        redactedPhone: read.redactedPhone,
        expiresAt: read.expiresAt,
        resendAt: read.resendAt,
        returnTo,
      })
      return c.redirect("/login/code", 303)
    }
    if (read?.status === "signup_required") {
      clearPending(c)
      const signupUrl = new URL(read.signupUrl)
      if (signupUrl.protocol !== "https:" && signupUrl.protocol !== "http:")
        throw new Error(
          "The plugin answered with a sign-up URL that is not http(s)"
        )
      return c.html(
        invitePage({
          email: read.email,
          signupUrl: signupUrl.href,
          message: linkErrorCopy.signup_required,
        })
      )
    }
    if (answer.status === 200)
      throw new Error("The plugin's start answer has an unexpected shape")
    const failure = readLinkFailure(answer, "start")
    return renderEmail(c, {
      returnTo,
      email,
      error: linkFailureCopy(failure),
      status: failure.status,
    })
  })

  app.get("/login/code", async (c) => {
    const pending = await readPending(c)
    if (!pending) return c.redirect("/login", 303)
    return renderCode(
      c,
      pending,
      c.req.query("resent") === "1"
        ? {
            notice: `We texted a new code to ${readablePhone(pending.redactedPhone)}.`,
          }
        : {}
    )
  })

  app.post("/login/code", async (c) => {
    const pending = await readPending(c)
    if (!pending) return noPending(c)
    const form = await readForm(c)
    const code = field(form, "code", MAX_CODE_LENGTH)
    const answer = await calls.call(c, "/sign-in/link/verify", {
      method: "POST",
      body: { challenge: pending.challenge, code },
    })
    if (answer.status === 200) {
      forwardCookies(c, answer.headers)
      clearPending(c)
      return c.redirect(pending.returnTo, 303)
    }
    return failedOnCodeStep(c, pending, readLinkFailure(answer, "verify"))
  })

  app.post("/login/resend", async (c) => {
    const pending = await readPending(c)
    if (!pending) return noPending(c)
    // Pressed during the wait: say how long is left. Nothing is sent and nothing is counted;
    // the code already sent still works.
    if (pending.resendAt > Date.now())
      return renderCode(c, pending, { early: true })
    const answer = await calls.call(c, "/sign-in/link/resend", {
      method: "POST",
      body: { challenge: pending.challenge },
    })
    const read = readAnswer(answer)
    if (read?.status === "code_sent") {
      await writePending(c, {
        ...pending,
        challenge: read.challenge,
        redactedPhone: read.redactedPhone,
        expiresAt: read.expiresAt,
        resendAt: read.resendAt,
      })
      return c.redirect("/login/code?resent=1", 303)
    }
    if (answer.status === 200)
      throw new Error("The plugin's resend answer has an unexpected shape")
    return failedOnCodeStep(c, pending, readLinkFailure(answer, "resend"))
  })

  const { oauthProviderId } = options
  if (oauthProviderId !== undefined)
    // "Continue with Link": Link's own page, back to `return_to` (or /login/error, in words).
    app.post("/login/oauth", async (c) => {
      const form = await readForm(c)
      const returnTo = safeReturnTo(form.return_to)
      clearPending(c)
      return startSocialSignIn(c, calls, oauthProviderId, returnTo)
    })

  app.get("/login/restart", async (c) => {
    const pending = await readPending(c)
    clearPending(c)
    const url = new URL("/login", options.baseUrl)
    if (pending) url.searchParams.set("return_to", pending.returnTo)
    return c.redirect(`${url.pathname}${url.search}`, 303)
  })
}
