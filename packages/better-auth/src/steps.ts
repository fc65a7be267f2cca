/**
 * The sign-in steps as better-auth runs them: the core's step with better-auth's client IP and the
 * request's signal, its coded failure as the matching `APIError`, and (verify) better-auth's user
 * and session. The step routes (`routes.ts`) and the form's route (`form-route.ts`) share them.
 *
 * @module
 */
import { APIError, BASE_ERROR_CODES } from "better-auth"
import { getIP } from "better-auth/api"
import { setSessionCookie } from "better-auth/cookies"
import { parseUserOutput } from "better-auth/db"
import type { AuthContext, GenericEndpointContext } from "better-auth"
import { linkAPIError } from "./api-error.js"
import {
  isLinkSignInError,
  type LinkCodeSentOutcome,
  type LinkSignIn,
  type LinkSignInContext,
} from "@login-with-link/core"
import {
  isHttpsRequest,
  linkDeviceCookieAttributes,
  linkDeviceCookieName,
  readLinkDeviceCookie,
} from "@login-with-link/core/form"
import type { PluginSettings } from "./options.js"
import { resolveUser } from "./user.js"

/** What the endpoints need from the plugin, per app. */
export interface LinkRuntime {
  settings: PluginSettings
  steps(context: AuthContext): LinkSignIn
}

/** The answer of start and resend when a code was sent. */
export interface CodeSentResponse {
  status: "code_sent"
  /** Opaque and sealed: send it back with the code (or to resend). */
  challenge: string
  /** The phone the code went to, redacted by Link, e.g. `+3*********90`. */
  redactedPhone: string
  /** When the code and the challenge expire, in ms since the epoch. */
  expiresAt: number
  /** When a resend is allowed, in ms since the epoch. */
  resendAt: number
  /** The normalised email the code was sent for. */
  email: string
}

/** The answer of start for an email that is not on Link. */
export interface SignupRequiredResponse {
  status: "signup_required"
  /** Link's sign-up page, with the email (and where to come back) filled in. */
  signupUrl: string
  /** The normalised email that is not on Link. */
  email: string
}

const codeSent = (outcome: LinkCodeSentOutcome): CodeSentResponse => ({
  status: "code_sent",
  challenge: outcome.challenge,
  redactedPhone: outcome.redactedPhone,
  expiresAt: outcome.expiresAt,
  resendAt: outcome.resendAt,
  email: outcome.email,
})

/**
 * The client IP, only from a source the app configured: the plugin's `clientIp`, else
 * better-auth's `advanced.ipAddress.ipAddressHeaders` when the app set them (better-auth's own
 * default, a single-value `X-Forwarded-For`, is written by the client itself when no proxy
 * rewrites it). Otherwise none: the per-email and deployment-wide limits still apply.
 */
export function clientIp(
  ctx: GenericEndpointContext,
  settings: PluginSettings
): string | undefined {
  const options = ctx.context.options
  if (options.advanced?.ipAddress?.disableIpTracking === true) return undefined
  if (settings.clientIp) {
    const request =
      ctx.request ??
      new Request(ctx.context.baseURL || "http://localhost", {
        headers: ctx.headers ?? new Headers(),
      })
    return settings.clientIp(request) || undefined
  }
  if (!options.advanced?.ipAddress?.ipAddressHeaders?.length) return undefined
  const source = ctx.request ?? ctx.headers
  return (source && getIP(source, options)) || undefined
}

/** Whether the app is served over HTTPS (its base URL, or the proxy's `X-Forwarded-Proto`). */
export function isHttps(ctx: GenericEndpointContext): boolean {
  return isHttpsRequest(
    ctx.headers?.get("x-forwarded-proto"),
    ctx.context.baseURL || undefined,
    false
  )
}

/**
 * The browser's known-device token (`__Host-link_device`, else `link_device`), if it sent one: a
 * start from a browser where the person signed in before counts on that device's own key, so
 * that a stranger's tries at the email cannot lock them out there.
 */
function knownDevice(ctx: GenericEndpointContext): string | undefined {
  return readLinkDeviceCookie((name) => ctx.getCookie(name))
}

/** After a sign-in: the browser's known-device cookie, renewed (its device kept) or new. */
async function rememberDevice(
  ctx: GenericEndpointContext,
  link: LinkSignIn,
  email: string
): Promise<void> {
  const token = await link.knownDevice(email, knownDevice(ctx))
  if (!token) return
  const secure = isHttps(ctx)
  ctx.setCookie(
    linkDeviceCookieName(secure),
    token,
    linkDeviceCookieAttributes(secure, link.options.knownDeviceMaxAge)
  )
}

/**
 * The step context: the client IP (see {@link clientIp}), the request's signal, and the human
 * check's answer (`humanToken`, for the `verifyHuman` option) when the body has one.
 */
function stepContext(
  ctx: GenericEndpointContext,
  settings: PluginSettings,
  humanToken?: string
): LinkSignInContext {
  const ip = clientIp(ctx, settings)
  return {
    ...(ip ? { ip } : {}),
    ...(ctx.request?.signal ? { signal: ctx.request.signal } : {}),
    ...(humanToken ? { humanToken } : {}),
  }
}

/** Run a core step; its coded failure becomes the matching `APIError`. */
async function run<T>(
  ctx: GenericEndpointContext,
  step: () => Promise<T>
): Promise<T> {
  try {
    return await step()
  } catch (error) {
    if (!isLinkSignInError(error)) throw error
    if (error.code === "link_unavailable") {
      // The cause names what failed (timeout, bad answer…); it holds no secret, code or email.
      const cause = error.cause as
        { name?: unknown; code?: unknown } | undefined
      ctx.context.logger.warn(
        `Login with Link: Link is unavailable (${String(cause?.name ?? "unknown")}${cause?.code ? ` ${String(cause.code)}` : ""})`
      )
    }
    throw linkAPIError(error)
  }
}

/** Where Link's sign-up page sends the person back: a trusted URL, default the app's origin. */
function returnTo(
  ctx: GenericEndpointContext,
  callbackURL: string | undefined
): string | undefined {
  const base = ctx.context.baseURL
  if (callbackURL === undefined) {
    return base ? `${new URL(base).origin}/` : undefined
  }
  if (!ctx.context.isTrustedOrigin(callbackURL, { allowRelativePaths: true })) {
    throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.INVALID_CALLBACK_URL)
  }
  try {
    return new URL(callbackURL, base || undefined).href
  } catch {
    throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.INVALID_CALLBACK_URL)
  }
}

/**
 * `start`: look the email up and text a code, or invite to sign up. A coded `APIError` when it
 * fails. Shared by its route and the form's.
 */
export async function startStep(
  ctx: GenericEndpointContext,
  runtime: LinkRuntime,
  body: {
    email: string
    callbackURL?: string | undefined
    humanToken?: string | undefined
  }
): Promise<CodeSentResponse | SignupRequiredResponse> {
  const link = runtime.steps(ctx.context)
  const back = returnTo(ctx, body.callbackURL)
  const outcome = await run(ctx, () =>
    link.start(body.email, {
      ...stepContext(ctx, runtime.settings, body.humanToken),
      ...(back ? { returnTo: back } : {}),
      knownDevice: knownDevice(ctx),
    })
  )
  if (outcome.status === "signup_required") {
    return {
      status: "signup_required",
      signupUrl: outcome.signupUrl,
      email: outcome.email,
    }
  }
  return codeSent(outcome)
}

/** `resend`: text a new code for a challenge. A coded `APIError` when it fails. */
export async function resendStep(
  ctx: GenericEndpointContext,
  runtime: LinkRuntime,
  body: { challenge: string; humanToken?: string | undefined }
): Promise<CodeSentResponse> {
  const link = runtime.steps(ctx.context)
  const outcome = await run(ctx, () =>
    link.resend(
      body.challenge,
      stepContext(ctx, runtime.settings, body.humanToken)
    )
  )
  return codeSent(outcome)
}

/**
 * `verify`: check the code, then sign the person in (better-auth's session cookie, and the
 * known-device cookie, are set on this answer). A coded `APIError` when it fails.
 */
export async function verifyStep(
  ctx: GenericEndpointContext,
  runtime: LinkRuntime,
  body: { challenge: string; code: string }
) {
  const link = runtime.steps(ctx.context)
  // The core's once store refuses a challenge that already signed someone in.
  const person = await run(ctx, () =>
    link.finish(body.challenge, body.code, stepContext(ctx, runtime.settings))
  )
  const user = await resolveUser(ctx, runtime.settings, person)
  const session = await ctx.context.internalAdapter.createSession(user.id)
  if (!session) {
    throw APIError.from(
      "INTERNAL_SERVER_ERROR",
      BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION
    )
  }
  await setSessionCookie(ctx, { session, user })
  await rememberDevice(ctx, link, person.email)
  return { user: parseUserOutput(ctx.context.options, user) }
}
