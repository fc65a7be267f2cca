/**
 * Login with Link, framework-neutral: the three sign-in steps as plain functions, their outcomes
 * and errors, UI copy, a quiet logger, the Link API client, the sealed challenge and rate limiting.
 * Web APIs only: it runs on Node, Deno, Bun, edge runtimes and workers.
 *
 * @module
 */
export type { LoginWithLinkOptions, ResolvedOptions } from "./options.js"
export { isResolvedOptions, resolveOptions } from "./options.js"
export { createLinkSignIn, mapLinkError } from "./sign-in.js"
export type {
  LinkCodeSentOutcome,
  LinkSignIn,
  LinkSignInContext,
  LinkSignupOutcome,
  LinkStartOutcome,
  LinkUser,
} from "./sign-in.js"
export {
  ChallengeError,
  isLinkSignInCode,
  isLinkSignInError,
  LinkSignInError,
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
export {
  credentialsSchema,
  isResend,
  MAX_CHALLENGE_LENGTH,
  MAX_EMAIL_LENGTH,
  normalizeCode,
  normalizeEmail,
} from "./schemas.js"
export type { CredentialsInput } from "./schemas.js"
export { readEnvVar, readLinkEnv } from "./env.js"
export type { LinkEnv } from "./env.js"
export { safeCallbackUrl } from "./safe-redirect.js"
export type { SafeCallbackUrlOptions } from "./safe-redirect.js"
