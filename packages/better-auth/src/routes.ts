/**
 * The endpoints: `POST /sign-in/link/start`, `/sign-in/link/resend` and `/sign-in/link/verify`,
 * and the form's `/sign-in/link/form` (`form-route.ts`) over the same steps. Each checks its body
 * (a coded 400, no Link call, when it is wrong), runs the core's step with better-auth's client
 * IP, and answers with the step's outcome, better-auth's session cookie (verify), or a coded
 * error.
 *
 * @module
 */
import { createAuthEndpoint, formCsrfMiddleware } from "better-auth/api"
import { refuseBody, resendBody, startBody, verifyBody } from "./body.js"
import { linkFormEndpoint } from "./form-route.js"
import { LINK_PATHS } from "./paths.js"
import { resendStep, startStep, verifyStep, type LinkRuntime } from "./steps.js"

export type {
  CodeSentResponse,
  LinkRuntime,
  SignupRequiredResponse,
} from "./steps.js"

const openapiError = { description: "A coded error: `{ code, message }`" }

/** The endpoints, for the plugin's `endpoints`. */
export function linkEndpoints(runtime: LinkRuntime) {
  return {
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
      async (ctx) => ctx.json(await startStep(ctx, runtime, ctx.body))
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
      async (ctx) => ctx.json(await resendStep(ctx, runtime, ctx.body))
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
      async (ctx) => ctx.json(await verifyStep(ctx, runtime, ctx.body))
    ),
    signInLinkForm: linkFormEndpoint(runtime),
  }
}
