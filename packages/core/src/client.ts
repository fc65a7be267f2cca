/**
 * The Link API client: {@link createLinkClient} binds the three calls (`lookup-email.ts`,
 * `start-verification.ts`, `authenticate.ts`, each a request/process pair in the style of
 * oauth4webapi: `xRequest()` returns the `Response`, `processXResponse()` validates it and throws a
 * coded `LinkApiError`) to a publishable key and API URL. `fetch` only, injectable, with a timeout.
 *
 * @module
 */
import {
  authenticateRequest,
  processAuthenticateResponse,
  type AuthenticateParams,
  type AuthenticateResult,
} from "./authenticate.js"
import {
  lookupEmailRequest,
  processLookupEmailResponse,
  type LookupEmailResult,
} from "./lookup-email.js"
import {
  processStartVerificationResponse,
  startVerificationRequest,
  type StartVerificationParams,
  type StartVerificationResult,
} from "./start-verification.js"
import {
  DEFAULT_API_URL,
  type LinkCallOptions,
  type LinkClientConfig,
} from "./transport.js"

/** A Link API client bound to a publishable key and API URL. */
export interface LinkClient {
  readonly config: Readonly<LinkClientConfig>
  lookupEmail(
    email: string,
    options?: LinkCallOptions
  ): Promise<LookupEmailResult>
  startVerification(
    params: StartVerificationParams,
    options?: LinkCallOptions
  ): Promise<StartVerificationResult>
  authenticate(
    params: AuthenticateParams,
    options?: LinkCallOptions
  ): Promise<AuthenticateResult>
}

/**
 * Create a Link API client.
 *
 * @example
 * ```ts
 * const link = createLinkClient({ publishableKey: "pk_test_123", apiUrl: "http://127.0.0.1:4010/api" })
 * const found = await link.lookupEmail("jo@example.com")
 * if (found.exists) await link.startVerification({ clientSecret: found.clientSecret, email: "jo@example.com" })
 * ```
 */
export function createLinkClient(config: {
  publishableKey: string
  apiUrl?: string
  fetch?: typeof fetch
  timeout?: number
}): LinkClient {
  const bound: LinkClientConfig = {
    ...config,
    apiUrl: (config.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
  }
  return {
    config: bound,
    // What Link's messages must not carry into an error (and a log): the secret, the code, and
    // the email (also as sent: trimmed and lower-cased).
    async lookupEmail(email, options) {
      return processLookupEmailResponse(
        await lookupEmailRequest(bound, email, options),
        { redact: [email, email.trim().toLowerCase()] }
      )
    },
    async startVerification(params, options) {
      return processStartVerificationResponse(
        await startVerificationRequest(bound, params, options),
        {
          redact: [
            params.clientSecret,
            params.email,
            params.email.trim().toLowerCase(),
          ],
        }
      )
    },
    async authenticate(params, options) {
      return processAuthenticateResponse(
        await authenticateRequest(bound, params, options),
        {
          redact: [
            params.clientSecret,
            params.code,
            params.email,
            params.email.trim().toLowerCase(),
          ],
        }
      )
    },
  }
}
