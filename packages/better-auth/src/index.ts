/**
 * Login with Link for better-auth: the server plugin, its options and error codes. The client
 * plugin is `@login-with-link/better-auth/client`.
 *
 * @module
 */
export { loginWithLink } from "./plugin.js"
export type {
  LinkRoute,
  LoginWithLinkPluginOptions,
  RouteRateLimit,
} from "./options.js"
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_ROUTE_RATE_LIMITS,
  LINK_PATHS,
} from "./options.js"
export {
  LOGIN_WITH_LINK_ERROR_CODES,
  LOGIN_WITH_LINK_ERROR_STATUS,
} from "./error-codes.js"
export type {
  LoginWithLinkErrorBody,
  LoginWithLinkErrorCode,
  LoginWithLinkErrorStatus,
} from "./error-codes.js"
export type { CodeSentResponse, SignupRequiredResponse } from "./routes.js"
export { secondaryStorageRateLimiter } from "./limiter.js"
export { linkOAuthConfig } from "./oauth.js"
export type { LinkOAuthConfigOptions } from "./oauth.js"
