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
  normalizeEmail,
  redactPhone,
  redactKey,
  type Person,
} from "./people.js"
export { TEST_MODE_CODE } from "./api.js"
export {
  FAULT_KINDS,
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
