/**
 * `start_verification`: Link texts a six-digit code to the person's phone (again, for a resend).
 * A request/process pair in the style of oauth4webapi.
 *
 * @module
 */
import { startVerificationResponseSchema } from "./schemas.js"
import {
  linkResponseProcessor,
  linkSessionBody,
  send,
  type LinkCallOptions,
  type LinkClientConfig,
  type LinkProcessContext,
} from "./transport.js"

/** Parameters of start verification. */
export interface StartVerificationParams {
  clientSecret: string
  email: string
  /** A resend of the code (`resend: true`). */
  resend?: boolean
}

/** The result of start verification. */
export interface StartVerificationResult {
  redactedPhone?: string
}

/** `POST {apiUrl}/start_verification` with `{ client_secret, email[, resend] }` as JSON. */
export function startVerificationRequest(
  config: LinkClientConfig,
  params: StartVerificationParams,
  options?: LinkCallOptions
): Promise<Response> {
  return send(
    config,
    "start_verification",
    {
      method: "POST",
      body: {
        ...linkSessionBody(params),
        ...(params.resend && { resend: true }),
      },
    },
    options
  )
}

/** Validate a start-verification response; throws `LinkApiError`. */
export const processStartVerificationResponse: (
  response: Response,
  context?: LinkProcessContext
) => Promise<StartVerificationResult> = linkResponseProcessor(
  startVerificationResponseSchema,
  "start_verification",
  (data): StartVerificationResult =>
    data.redacted_phone_number
      ? { redactedPhone: data.redacted_phone_number }
      : {}
)
