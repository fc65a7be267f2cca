/**
 * `@login-with-link/simulator`: an HTTP simulator of the Login with Link API.
 * @module
 */
export { createSimulator, type Simulator } from "./simulator.js"
export {
  startSimulator,
  type RunningSimulator,
  type StartOptions,
} from "./server.js"
export {
  DEFAULTS,
  type SimulatorConfig,
  type SimulatorOptions,
} from "./config.js"
export {
  ERROR_CODES,
  MESSAGES,
  errorBody,
  type ErrorCode,
  type ErrorEnvelope,
} from "./errors.js"
export {
  SEED_PEOPLE,
  linkUserId,
  normalizeEmail,
  redactPhone,
  redactKey,
  type Person,
} from "./people.js"
export { TEST_MODE_CODE } from "./api.js"
export {
  FAULT_KINDS,
  FAULT_OAUTH_ERRORS,
  PROFILE_FIELDS,
  ROUTES,
  ConnectionDropped,
  type FaultSpec,
  type RouteName,
} from "./faults.js"
export {
  HTML_BODY,
  MALFORMED_BODY,
  STALLED_BODY_START,
  HangReleased,
} from "./fault-middleware.js"
export { SIGNUP_MESSAGES } from "./signup.js"
export { MAX_PARAM_LENGTH } from "./params.js"
export type { OutboxMessage } from "./outbox.js"
export type { SimulatorClock } from "./clock.js"
export type { SimulatorState, Stats } from "./state.js"
export {
  DEV_CLIENT_CALLBACK_PATHS,
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  redirectUriMatches,
  type OAuthClient,
  type OAuthClientJson,
} from "./oauth/clients.js"
export {
  OAUTH_ERROR_CODES,
  OAUTH_MESSAGES,
  type OAuthErrorBody,
  type OAuthErrorCode,
} from "./oauth/errors.js"
export { HOSTED_MESSAGES } from "./oauth/pages.js"
export { OAUTH_PREFIX, OAUTH_ROUTES } from "./oauth/routes.js"
export { OAUTH_LIFETIMES, TOKEN_PREFIX } from "./oauth/store.js"
export { BROWSER_COOKIE } from "./oauth/authorize.js"
export { DEFAULT_SCOPE, SCOPES } from "./oauth/request.js"
export type { LinkProfile } from "./oauth/userinfo.js"
export type { GrantView } from "./oauth/control.js"
