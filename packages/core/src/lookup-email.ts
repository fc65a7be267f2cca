/**
 * `lookup-email`: is this email on Link, and if so the `client_secret` of a verification session.
 * A request/process pair in the style of oauth4webapi.
 *
 * @module
 */
import { lookupEmailResponseSchema } from "./schemas.js"
import {
  malformed,
  linkResponseProcessor,
  send,
  type LinkCallOptions,
  type LinkClientConfig,
  type LinkProcessContext,
} from "./transport.js"

/** The result of a lookup. */
export type LookupEmailResult =
  | { exists: true; clientSecret: string; redactedPhone?: string }
  | { exists: false }

/** `GET {apiUrl}/lookup-email?email=&STRIPE_PUBLIC_KEY=` (the email trimmed and lower-cased). */
export function lookupEmailRequest(
  config: LinkClientConfig,
  email: string,
  options?: LinkCallOptions
): Promise<Response> {
  return send(
    config,
    "lookup-email",
    {
      method: "GET",
      query: {
        email: email.trim().toLowerCase(),
        STRIPE_PUBLIC_KEY: config.publishableKey,
      },
    },
    options
  )
}

/** Validate a lookup response; throws `LinkApiError`. */
export const processLookupEmailResponse: (
  response: Response,
  context?: LinkProcessContext
) => Promise<LookupEmailResult> = linkResponseProcessor(
  lookupEmailResponseSchema,
  "lookup-email",
  (data, response): LookupEmailResult => {
    if (data.result !== undefined && data.result !== "success")
      throw malformed(response, "lookup-email", 'result is not "success"')
    if (!data.userExistsOnLink) return { exists: false }
    const result: LookupEmailResult = {
      exists: true,
      clientSecret: data.client_secret,
    }
    if (data.redacted_phone_number)
      result.redactedPhone = data.redacted_phone_number
    return result
  }
)
