/**
 * Login with Link, framework-neutral: the three sign-in steps as plain functions, their outcomes
 * and errors, UI copy, a quiet logger, the Link API client, the sealed challenge and rate limiting.
 * Web APIs only: it runs on Node, Deno, Bun, edge runtimes and workers.
 *
 * @module
 */
export type {
  LoginWithLinkOptions,
  ResolvedOptions,
  VerifyHuman,
} from "./options.js"
export { resolveOptions } from "./options.js"
export { createLinkSignIn } from "./sign-in.js"
export { mapLinkError } from "./error-mapping.js"
export { readLinkOutcomeFields, readLinkWaits } from "./read-outcome.js"
export type { LinkErrorOutcome, LinkOutcome } from "./read-outcome.js"
export type {
  LinkCodeSentOutcome,
  LinkSignIn,
  LinkSignInContext,
  LinkSignupOutcome,
  LinkStartOutcome,
  LinkUser,
} from "./sign-in.js"
export {
  isLinkErrorCode,
  isLinkOAuthErrorCode,
  isLinkSignInCode,
  LINK_SIGN_IN_CODES,
  linkCodeKeepsCodeStep,
  linkCodeStartsOver,
} from "./codes.js"
export { linkCodeInfo, type LinkCodeInfo } from "./code-info.js"
export type {
  LinkErrorCode,
  LinkFrameworkCode,
  LinkOAuthErrorCode,
  LinkOutcomeCode,
  LinkSignInCode,
} from "./codes.js"
export {
  ChallengeError,
  isLinkSignInError,
  LinkApiError,
  LinkSignInError,
  LoginWithLinkError,
} from "./errors.js"
export type {
  ChallengeErrorCode,
  LinkApiErrorCode,
  LinkUpstreamErrorCode,
  LoginWithLinkErrorCode,
} from "./errors.js"
export { linkErrorCopy, linkErrorText, linkErrorTextLabels } from "./copy.js"
export type {
  LinkErrorCopy,
  LinkErrorTextLabels,
  LinkErrorTextOptions,
} from "./copy.js"
export { createLinkLogger, linkLogger } from "./logger.js"
export type { LinkLogger, LinkLoggerOptions, LinkLogSink } from "./logger.js"
export { createLinkClient } from "./client.js"
export type { LinkClient } from "./client.js"
export {
  DEFAULT_API_URL,
  DEFAULT_TIMEOUT,
  parseRetryAfter,
} from "./transport.js"
export type {
  LinkCallOptions,
  LinkClientConfig,
  LinkProcessContext,
} from "./transport.js"
export {
  lookupEmailRequest,
  processLookupEmailResponse,
} from "./lookup-email.js"
export type { LookupEmailResult } from "./lookup-email.js"
export {
  processStartVerificationResponse,
  startVerificationRequest,
} from "./start-verification.js"
export type {
  StartVerificationParams,
  StartVerificationResult,
} from "./start-verification.js"
export {
  authenticateRequest,
  processAuthenticateResponse,
} from "./authenticate.js"
export type { AuthenticateParams, AuthenticateResult } from "./authenticate.js"
export { sealChallenge, unsealChallenge } from "./challenge.js"
export { readChallengeView } from "./challenge-view.js"
export type { ChallengeView } from "./challenge-view.js"
export type { ChallengeOptions, ChallengePayload } from "./challenge.js"
export { DEFAULT_RATE_LIMITS, MemoryRateLimiter } from "./rate-limit.js"
export { MemoryOnceStore } from "./once-store.js"
export type { MemoryOnceStoreOptions, OnceStore } from "./once-store.js"
export { clientIpFromForwardedFor, clientIpFromHeader } from "./client-ip.js"
export { warnIfNoClientIp } from "./client-ip-warning.js"
export type { NoClientIpWarningOptions } from "./client-ip-warning.js"
export type {
  ClientIpFromForwardedForOptions,
  ClientIpSource,
} from "./client-ip.js"
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
export { readEnvVar } from "./env.js"
export { redactedPhoneDigits } from "./phone.js"
export { safeCallbackUrl } from "./safe-redirect.js"
export type { SafeCallbackUrlOptions } from "./safe-redirect.js"
