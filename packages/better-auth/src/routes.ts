/**
 * The three endpoints: `POST /sign-in/link/start`, `/sign-in/link/resend` and
 * `/sign-in/link/verify`. Each checks its body (a coded 400, no Link call, when it is wrong), runs
 * the core's step with better-auth's client IP, and answers with the step's outcome, better-auth's
 * session cookie (verify), or a coded error.
 *
 * @module
 */
import { APIError, BASE_ERROR_CODES } from "better-auth"
import { createAuthEndpoint, formCsrfMiddleware, getIP } from "better-auth/api"
import { setSessionCookie } from "better-auth/cookies"
import { parseUserOutput } from "better-auth/db"
import type { AuthContext, GenericEndpointContext } from "better-auth"
import {
  refuseBody,
  resendBody,
  startBody,
  verifyBody,
  viewBody,
} from "./body.js"
import { apiError } from "./api-error.js"
import { linkAPIError } from "./api-error.js"
import {
  readChallengeView,
  isLinkSignInError,
  type LinkCodeSentOutcome,
  type LinkSignIn,
  type LinkSignInContext,
} from "@login-with-link/core"
import { LINK_PATHS, type PluginSettings } from "./options.js"
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

const openapiError = { description: "A coded error: `{ code, message }`" }

/** The endpoints, for the plugin's `endpoints`. */
export function linkEndpoints(runtime: LinkRuntime) {
  return {
    /**
     * Server only (`auth.api.readLinkChallenge`, never over HTTP): what a page may show of a
     * sealed challenge (email, redacted phone, times), for a server driver that keeps the
     * challenge in a cookie. `CHALLENGE_EXPIRED` / `CHALLENGE_INVALID` when refused.
     */
    readLinkChallenge: createAuthEndpoint(
      "/sign-in/link/challenge",
      {
        method: "POST",
        body: viewBody,
        metadata: { SERVER_ONLY: true },
      },
      async (ctx) => {
        const { options } = runtime.steps(ctx.context)
        try {
          return await readChallengeView(ctx.body.challenge, options, {
            allowExpired: ctx.body.allowExpired === true,
          })
        } catch (error) {
          const code = (error as { code?: unknown } | null)?.code
          throw apiError(
            code === "LWL_CHALLENGE_EXPIRED"
              ? "CHALLENGE_EXPIRED"
              : "CHALLENGE_INVALID"
          )
        }
      }
    ),

    signInLinkStart: createAuthEndpoint(
      LINK_PATHS.start,
      {
        method: "POST",
        body: startBody,
        use: [formCsrfMiddleware],
        onValidationError: ({ issues }) => refuseBody("start", issues),
        metadata: {
          noStore: true,
          openapi: {
            operationId: "signInWithLinkStart",
            description:
              "Look the email up on Link and text a code to the phone of its Link account",
            responses: {
              200: {
                description:
                  '`{ status: "code_sent", challenge, redactedPhone, expiresAt, resendAt, email }` or `{ status: "signup_required", signupUrl, email }`',
              },
              400: openapiError,
              429: openapiError,
              503: openapiError,
            },
          },
        },
      },
      async (ctx): Promise<CodeSentResponse | SignupRequiredResponse> => {
        const link = runtime.steps(ctx.context)
        const back = returnTo(ctx, ctx.body.callbackURL)
        const outcome = await run(ctx, () =>
          link.start(ctx.body.email, {
            ...stepContext(ctx, runtime.settings, ctx.body.humanToken),
            ...(back ? { returnTo: back } : {}),
          })
        )
        if (outcome.status === "signup_required") {
          return ctx.json({
            status: "signup_required" as const,
            signupUrl: outcome.signupUrl,
            email: outcome.email,
          })
        }
        return ctx.json(codeSent(outcome))
      }
    ),

    signInLinkResend: createAuthEndpoint(
      LINK_PATHS.resend,
      {
        method: "POST",
        body: resendBody,
        use: [formCsrfMiddleware],
        onValidationError: ({ issues }) => refuseBody("resend", issues),
        metadata: {
          noStore: true,
          openapi: {
            operationId: "signInWithLinkResend",
            description: "Text a new code for a challenge",
            responses: {
              200: {
                description:
                  '`{ status: "code_sent", challenge, redactedPhone, expiresAt, resendAt, email }`',
              },
              400: openapiError,
              401: openapiError,
              429: openapiError,
              503: openapiError,
            },
          },
        },
      },
      async (ctx): Promise<CodeSentResponse> => {
        const link = runtime.steps(ctx.context)
        const outcome = await run(ctx, () =>
          link.resend(
            ctx.body.challenge,
            stepContext(ctx, runtime.settings, ctx.body.humanToken)
          )
        )
        return ctx.json(codeSent(outcome))
      }
    ),

    signInLinkVerify: createAuthEndpoint(
      LINK_PATHS.verify,
      {
        method: "POST",
        body: verifyBody,
        use: [formCsrfMiddleware],
        onValidationError: ({ issues }) => refuseBody("verify", issues),
        metadata: {
          noStore: true,
          openapi: {
            operationId: "signInWithLinkVerify",
            description:
              "Check the code; sign the person in (better-auth's session cookie)",
            responses: {
              200: { description: "`{ user }`, with the session cookie set" },
              400: openapiError,
              401: openapiError,
              403: openapiError,
              429: openapiError,
              503: openapiError,
            },
          },
        },
      },
      async (ctx) => {
        const link = runtime.steps(ctx.context)
        const { challenge, code } = ctx.body
        // The core's once store refuses a challenge that already signed someone in.
        const person = await run(ctx, () =>
          link.finish(challenge, code, stepContext(ctx, runtime.settings))
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
        return ctx.json({ user: parseUserOutput(ctx.context.options, user) })
      }
    ),
  }
}
