/**
 * Login with Link for Auth.js: the provider, its step functions, errors, UI copy, quiet logger,
 * Link API client, sealed challenge and rate limiting.
 *
 * @module
 */
export { LoginWithLink, LoginWithLink as default } from "./provider.js"
export type { LoginWithLinkProvider } from "./provider.js"
export type { LoginWithLinkOptions, ResolvedOptions } from "./options.js"
export { resolveOptions } from "./options.js"
export { createLinkSignIn, mapLinkError } from "./sign-in.js"
export type { LinkSignIn, LinkSignInContext, LinkUser } from "./sign-in.js"
export {
  ChallengeError,
  isLinkSignInCode,
  LinkCodeSent,
  LinkSignInError,
  LinkSignupRequired,
  LoginWithLinkError,
} from "./errors.js"
export type {
  ChallengeErrorCode,
  LinkErrorCode,
  LinkSignInCode,
  LoginWithLinkErrorCode,
} from "./errors.js"
export { linkErrorCopy } from "./copy.js"
export type { LinkErrorCopy } from "./copy.js"
export { createLinkLogger, linkLogger } from "./logger.js"
export type { LinkLogger, LinkLoggerOptions, LinkLogSink } from "./logger.js"
export {
  authenticateRequest,
  createLinkClient,
  DEFAULT_API_URL,
  DEFAULT_TIMEOUT,
  LinkApiError,
  lookupEmailRequest,
  parseRetryAfter,
  processAuthenticateResponse,
  processLookupEmailResponse,
  processStartVerificationResponse,
  startVerificationRequest,
} from "./client.js"
export type {
  AuthenticateParams,
  AuthenticateResult,
  LinkApiErrorCode,
  LinkCallOptions,
  LinkClient,
  LinkClientConfig,
  LinkUpstreamErrorCode,
  LookupEmailResult,
  StartVerificationParams,
  StartVerificationResult,
} from "./client.js"
export { sealChallenge, unsealChallenge } from "./challenge.js"
export type { ChallengeOptions, ChallengePayload } from "./challenge.js"
export { DEFAULT_RATE_LIMITS, MemoryRateLimiter } from "./rate-limit.js"
export type {
  MemoryRateLimiterOptions,
  RateLimiter,
  RateLimitResult,
  RateLimitRule,
  RateLimits,
} from "./rate-limit.js"
export { normalizeCode, normalizeEmail } from "./schemas.js"
export { safeCallbackUrl } from "./safe-redirect.js"
export type { SafeCallbackUrlOptions } from "./safe-redirect.js"
export { LoginWithLinkOIDC } from "./oidc.js"
export type { LinkOIDCProfile, LoginWithLinkOIDCOptions } from "./oidc.js"
