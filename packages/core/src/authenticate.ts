/**
 * `authenticate`: check the code; on a right one Link says who the person is. A request/process
 * pair in the style of oauth4webapi.
 *
 * @module
 */
import { authenticateResponseSchema } from "./schemas.js"
import {
  errorFrom,
  linkResponseProcessor,
  linkSessionBody,
  send,
  type LinkCallOptions,
  type LinkClientConfig,
  type LinkProcessContext,
} from "./transport.js"

/** Parameters of authenticate. */
export interface AuthenticateParams {
  clientSecret: string
  email: string
  /** The six-digit code. */
  code: string
}

/** The person, as Link returns them on a right code. */
export interface AuthenticateResult {
  email: string
  fullName?: string
  city?: string
}

/** `POST {apiUrl}/authenticate` with `{ client_secret, email, code }` as JSON. */
export function authenticateRequest(
  config: LinkClientConfig,
  params: AuthenticateParams,
  options?: LinkCallOptions
): Promise<Response> {
  return send(
    config,
    "authenticate",
    {
      method: "POST",
      body: { ...linkSessionBody(params), code: params.code },
    },
    options
  )
}

/**
 * Validate an authenticate response; throws `LinkApiError`, also for the documented 200
 * failure (`authenticationSuccessful: false`), whose code is `LWL_LINK_ERROR` when Link gave none.
 */
export const processAuthenticateResponse: (
  response: Response,
  context?: LinkProcessContext
) => Promise<AuthenticateResult> = linkResponseProcessor(
  authenticateResponseSchema,
  "authenticate",
  (data, response, context) => {
    if (!data.authenticationSuccessful)
      throw errorFrom(response, data, "authenticate", context)
    const result: AuthenticateResult = { email: data.user.email }
    if (data.user.fullName) result.fullName = data.user.fullName
    if (data.user.city) result.city = data.user.city
    return result
  }
)
