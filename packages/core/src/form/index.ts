/**
 * `@login-with-link/core/form`: the sign-in form's state (what `@login-with-link/react`'s form
 * renders) and the state machine of its drivers (a server action, or a driver in the browser). No
 * React, no framework: a driver supplies the framework's steps and where the challenge lives, and
 * gets the state the form renders next.
 *
 * @module
 */
// The form's state, fields and intents: everything of state.ts (@login-with-link/react re-exports it).
export * from "./state.js"
export { currentLinkForm, runLinkForm } from "./run.js"
export type {
  LinkFormStepContext,
  LinkFormSteps,
  LinkPending,
  LinkPendingStore,
  RunLinkFormOptions,
} from "./run.js"
export type { LinkStepFailure } from "./states.js"
export { linkFormField, linkFormIntent } from "./form-data.js"
export { linkCallbackUrl } from "./callback-url.js"
export type { LinkRequestOrigin } from "./callback-url.js"
export {
  isHttpsRequest,
  LINK_CHALLENGE_COOKIE,
  linkChallengeCookieAttributes,
  linkChallengeCookieName,
  MAX_CHALLENGE_COOKIE,
  readLinkChallengeCookie,
} from "./challenge-cookie.js"
export {
  LINK_DEVICE_COOKIE,
  linkDeviceCookieAttributes,
  linkDeviceCookieName,
  readLinkDeviceCookie,
} from "./device-cookie.js"
export { linkCookiePending } from "./cookie-pending.js"
export type {
  LinkChallengeJar,
  LinkChallengeViewReader,
} from "./cookie-pending.js"
export type {
  LinkChallengeCookie,
  LinkChallengeCookieAttributes,
} from "./challenge-cookie.js"
