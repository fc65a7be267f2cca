/**
 * Login with Link for Auth.js: the provider, its step functions, errors, UI copy, quiet logger,
 * Link API client, sealed challenge and rate limiting. The Auth.js adapter on
 * `@login-with-link/core`, whose framework-neutral parts it re-exports under the same names.
 *
 * @module
 */
export {
  createLoginWithLink,
  LoginWithLink,
  LoginWithLink as default,
} from "./provider.js"
export type {
  LinkAuthUser,
  LoginWithLinkFactory,
  LoginWithLinkProvider,
} from "./provider.js"
export { readLinkOutcome } from "./read-outcome.js"
export type { LinkErrorOutcome, LinkOutcome } from "./read-outcome.js"
export { isLinkOutcomeError, LINK_OUTCOME } from "./outcome-errors.js"
export type { CredentialsSigninClass } from "./outcome-errors.js"
export { TWO_COPIES_WARNING } from "./two-copies.js"
export type { LoginWithLinkOptions, ResolvedOptions } from "./options.js"
export { resolveOptions } from "./options.js"
export { createLinkSignIn, mapLinkError } from "./steps.js"
export type { LinkSignIn, LinkSignInContext, LinkUser } from "./steps.js"
export {
  LinkCodeSent,
  LinkSignInError,
  LinkSignupRequired,
} from "./outcome-errors.js"
export {
  ChallengeError,
  isLinkErrorCode,
  isLinkSignInCode,
  LINK_SIGN_IN_CODES,
  linkCodeInfo,
  linkCodeKeepsCodeStep,
  linkCodeStartsOver,
  LoginWithLinkError,
} from "@login-with-link/core"
export type {
  ChallengeErrorCode,
  LinkCodeInfo,
  LinkCodeSentOutcome,
  LinkErrorCode,
  LinkSignInCode,
  LinkSignupOutcome,
  LinkStartOutcome,
  LoginWithLinkErrorCode,
} from "@login-with-link/core"
export { linkErrorCopy } from "@login-with-link/core"
export type { LinkErrorCopy } from "@login-with-link/core"
export { createLinkLogger, linkLogger } from "@login-with-link/core"
export type {
  LinkLogger,
  LinkLoggerOptions,
  LinkLogSink,
} from "@login-with-link/core"
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
} from "@login-with-link/core"
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
} from "@login-with-link/core"
export {
  readChallengeView,
  sealChallenge,
  unsealChallenge,
} from "@login-with-link/core"
export type { ChallengeView } from "@login-with-link/core"
export type { ChallengeOptions, ChallengePayload } from "@login-with-link/core"
export {
  DEFAULT_RATE_LIMITS,
  MemoryOnceStore,
  MemoryRateLimiter,
} from "@login-with-link/core"
export {
  clientIpFromForwardedFor,
  clientIpFromHeader,
} from "@login-with-link/core"
export type {
  ClientIpFromForwardedForOptions,
  ClientIpSource,
} from "@login-with-link/core"
export type {
  MemoryOnceStoreOptions,
  MemoryRateLimiterOptions,
  OnceStore,
  RateLimiter,
  RateLimitResult,
  RateLimitRule,
  RateLimits,
} from "@login-with-link/core"
export { normalizeCode, normalizeEmail } from "@login-with-link/core"
export { safeCallbackUrl } from "@login-with-link/core"
export type { SafeCallbackUrlOptions } from "@login-with-link/core"
export { LoginWithLinkOIDC } from "./oidc.js"
export type { LinkOIDCProfile, LoginWithLinkOIDCOptions } from "./oidc.js"
export {
  createLinkOAuth,
  LINK_OAUTH_API_URL,
  LINK_OAUTH_DEFAULT_SCOPE,
  LINK_OAUTH_URL,
  LinkOAuth,
} from "./link-oauth.js"
export type {
  LinkOAuthBindings,
  LinkOAuthOptions,
  LinkOAuthProfile,
  LinkOAuthProvider,
  LinkOAuthSettings,
} from "./link-oauth.js"
export {
  isLinkOAuthErrorCode,
  LINK_OAUTH_ERROR_CODES,
  linkOAuthErrorCopy,
  readLinkOAuthError,
} from "./link-oauth-errors.js"
export type {
  LinkOAuthError,
  LinkOAuthErrorCode,
  LinkOAuthErrorParams,
} from "./link-oauth-errors.js"
export {
  linkOAuthSignOut,
  refreshLinkAccount,
  refreshLinkOAuthToken,
  revokeLinkOAuthToken,
} from "./link-oauth-tokens.js"
export type {
  LinkOAuthCallOptions,
  LinkOAuthSignOutOptions,
  LinkOAuthTokens,
  RefreshLinkAccountOptions,
} from "./link-oauth-tokens.js"
export { createLinkJwt, linkJwt } from "./link-jwt.js"
export type {
  LinkJwtClaims,
  LinkJwtOptions,
  LinkJwtParams,
} from "./link-jwt.js"
export { linkSamePerson } from "./same-person.js"
export type {
  LinkSamePerson,
  LinkSamePersonOptions,
  LinkSignInParams,
} from "./same-person.js"
