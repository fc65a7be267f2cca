/**
 * Login with Link for better-auth: the server plugin, its options and error codes. The client
 * plugin is `@login-with-link/better-auth/client`.
 *
 * @module
 */
export { loginWithLink } from "./plugin.js"
export type { LoginWithLinkPluginOptions, RouteRateLimit } from "./options.js"
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_ROUTE_RATE_LIMITS } from "./options.js"
export { LINK_PATHS, type LinkRoute } from "./paths.js"
export { LOGIN_WITH_LINK_ERROR_CODES } from "./error-codes.js"
export type {
  LoginWithLinkErrorBody,
  LoginWithLinkErrorCode,
} from "./error-codes.js"
export { LOGIN_WITH_LINK_ERROR_STATUS } from "./error-status.js"
export type { LoginWithLinkErrorStatus } from "./error-status.js"
export type { CodeSentResponse, SignupRequiredResponse } from "./routes.js"
export { secondaryStorageRateLimiter } from "./limiter.js"
export { linkOAuthConfig } from "./oauth.js"
export type { LinkOAuthConfigOptions } from "./oauth.js"
