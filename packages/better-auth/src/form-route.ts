/**
 * `POST /sign-in/link/form`: the sign-in form's state machine (`runLinkForm` of
 * `@login-with-link/core/form`) run on the server, for `<LinkSignInForm />`'s two drivers (the
 * browser's `linkClientAction` and the Next.js server action `linkSignIn`). It takes the form's
 * fields, runs the step they ask for through the plugin's own steps, keeps the sealed challenge in
 * an httpOnly cookie (`__Host-` over HTTPS; never readable by the page's scripts), and answers the
 * state the form renders next. What the page shows comes from the sealed challenge, never from
 * posted fields. A right code sets better-auth's session cookie, and the state says where to go
 * (`redirectTo`, a checked same-origin path).
 *
 * @module
 */
import type { GenericEndpointContext } from "better-auth"
import { createAuthEndpoint, formCsrfMiddleware } from "better-auth/api"
import {
  isLinkSignInCode,
  linkCodeInfo,
  readChallengeView,
  safeCallbackUrl,
} from "@login-with-link/core"
import {
  currentLinkForm,
  LINK_SIGN_IN_FIELDS,
  linkChallengeCookieAttributes,
  linkChallengeCookieName,
  linkCookiePending,
  runLinkForm,
  type LinkFormState,
  type LinkPendingStore,
  type LinkStepFailure,
} from "@login-with-link/core/form"
import { readLinkAnswer } from "./answer.js"
import { formBody, refuseBody } from "./body.js"
import { LINK_PATHS } from "./paths.js"
import { linkPluginErrorCopy, type LinkPluginErrorCode } from "./plugin-copy.js"
import {
  isHttps,
  resendStep,
  startStep,
  verifyStep,
  type LinkRuntime,
} from "./steps.js"

/** The `intent` of a page while it renders: the sign-in in progress, no step run (`seq` 0). */
export const LINK_FORM_CURRENT = "current"

type FormBody = ReturnType<typeof formBody.parse>

const isPluginCode = (code: string): code is LinkPluginErrorCode =>
  Object.hasOwn(linkPluginErrorCopy, code)

/**
 * A step's coded `APIError` as the form's failure (the plugin's own codes with their words);
 * another better-auth refusal is Link unavailable. What is not an `APIError` (a bug, the database
 * down) is rethrown.
 */
function stepFailure(error: unknown): LinkStepFailure {
  const read = readLinkAnswer(error)
  if (read?.status !== "error") {
    if (
      typeof (error as { statusCode?: unknown } | null)?.statusCode === "number"
    )
      return { status: "error", code: "link_unavailable" }
    throw error
  }
  const failure: LinkStepFailure = { status: "error", code: read.code }
  if (read.retryAfter !== undefined) failure.retryAfter = read.retryAfter
  if (read.attemptsLeft !== undefined) failure.attemptsLeft = read.attemptsLeft
  if (isPluginCode(read.code)) failure.copy = linkPluginErrorCopy[read.code]
  return failure
}

async function coded<T>(step: () => Promise<T>): Promise<T | LinkStepFailure> {
  try {
    return await step()
  } catch (error) {
    return stepFailure(error)
  }
}

/**
 * Why the driver's "Continue with Link" did not start, as it posted it: a failure code of the one
 * list or of the plugin, else Link unavailable.
 */
function oauthFailure(posted: string | undefined): LinkStepFailure {
  const code = posted?.toLowerCase() ?? ""
  if (isLinkSignInCode(code) && linkCodeInfo[code].kind === "error")
    return { status: "error", code }
  if (isPluginCode(code))
    return { status: "error", code, copy: linkPluginErrorCopy[code] }
  return { status: "error", code: "link_unavailable" }
}

/** The challenge cookie of this request, as the form's pending store. */
function challengeCookie(
  ctx: GenericEndpointContext,
  runtime: LinkRuntime
): LinkPendingStore {
  const secure = isHttps(ctx)
  const name = linkChallengeCookieName(secure)
  const { options } = runtime.steps(ctx.context)
  return linkCookiePending(
    {
      get: () => ctx.getCookie(name) ?? undefined,
      set: (value, expiresAt) => {
        ctx.setCookie(
          name,
          value,
          linkChallengeCookieAttributes(secure, expiresAt)
        )
      },
    },
    (challenge, read) => readChallengeView(challenge, options, read)
  )
}

/** The form's fields, as a posted form has them. */
function postedForm(body: FormBody): FormData {
  const form = new FormData()
  const fields = [
    [LINK_SIGN_IN_FIELDS.intent, body.intent],
    [LINK_SIGN_IN_FIELDS.email, body.email],
    [LINK_SIGN_IN_FIELDS.code, body.code],
    [LINK_SIGN_IN_FIELDS.humanToken, body.humanToken],
  ] as const
  for (const [name, value] of fields)
    if (value !== undefined) form.set(name, value)
  return form
}

/** Run the step the form asks for; the state it renders next. */
async function answerForm(
  ctx: GenericEndpointContext & { body: FormBody },
  runtime: LinkRuntime
): Promise<LinkFormState> {
  const { body } = ctx
  const pending = challengeCookie(ctx, runtime)
  if (body.intent === LINK_FORM_CURRENT) return currentLinkForm(pending)
  const callbackUrl = safeCallbackUrl(body.callbackUrl, {
    fallback: safeCallbackUrl(body.fallbackUrl),
    ...(body.exclude ? { exclude: body.exclude } : {}),
  })
  // Link's sign-up page sends a new person back to the form's page when the app trusts it.
  const page =
    body.page &&
    ctx.context.isTrustedOrigin(body.page, { allowRelativePaths: true })
      ? body.page
      : undefined
  return runLinkForm({ seq: body.seq }, postedForm(body), {
    pending,
    callbackUrl,
    signedIn: async (redirectTo, seq) => ({
      step: "email",
      email: "",
      serverNow: Date.now(),
      seq,
      redirectTo,
    }),
    steps: {
      start: (email, step) =>
        coded(() =>
          startStep(ctx, runtime, {
            email,
            callbackURL: page,
            humanToken: step.humanToken,
          })
        ),
      resend: (challenge, step) =>
        coded(() =>
          resendStep(ctx, runtime, { challenge, humanToken: step.humanToken })
        ),
      verify: (challenge, code) =>
        coded(async () => {
          await verifyStep(ctx, runtime, { challenge, code })
          return { status: "signed_in" as const }
        }),
      // The driver starts OAuth itself (better-auth's own OAuth route); it posts here only to
      // have the form say why it could not.
      oauth: async () => oauthFailure(body.oauthError),
    },
  })
}

/** The form's endpoint, for the plugin's `endpoints`. */
export function linkFormEndpoint(runtime: LinkRuntime) {
  return createAuthEndpoint(
    LINK_PATHS.form,
    {
      method: "POST",
      body: formBody,
      use: [formCsrfMiddleware],
      onValidationError: ({ issues }) => refuseBody("form", issues),
      metadata: {
        noStore: true,
        openapi: {
          operationId: "signInWithLinkForm",
          description:
            "Run the step <LinkSignInForm /> posts (start, verify, resend, change, resume) and answer the state it renders next; the challenge waits in an httpOnly cookie",
          responses: {
            200: {
              description:
                "The form's state (`{ step, email, alert?, redirectTo?, seq, ... }`), coded when a step failed",
            },
            400: { description: "A body that is not an object" },
            413: { description: "A body over the limit" },
          },
        },
      },
    },
    async (ctx) => ctx.json(await answerForm(ctx, runtime))
  )
}
