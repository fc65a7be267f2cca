/**
 * `@login-with-link/react`: the sign-in with Link for any React app. `LinkSignInForm` renders the
 * whole sign-in (email, code, resend, sign-up invitation) over an action the app supplies (a
 * server action, or a driver that runs in the browser); `LinkSignInSync` keeps the app's other
 * tabs in step. `react` is the only peer. This entry is not a client module itself: each
 * component's file is, so a layout that uses only `LinkSignInSync` does not load the form.
 *
 * @module
 */
export { LinkSignInForm } from "./link-sign-in-form.js"
export type {
  LinkSignInAction,
  LinkSignInFormProps,
} from "./link-sign-in-form.js"
export { LinkSignInSync } from "./link-sign-in-sync.js"
export type { LinkSignInSyncProps } from "./link-sign-in-sync.js"
export { defaultLabels } from "./labels.js"
export type { LinkSignInLabels } from "./labels.js"
export type { LinkSignInClassNames, LinkSignInPart } from "./parts.js"
export type { LinkSignInCopy } from "./view.js"
export { LINK_SIGN_IN_FIELDS, LINK_SIGN_IN_INTENTS } from "./state.js"
export type {
  LinkFormAction,
  LinkFormState,
  LinkSignInAlert,
  LinkSignInIntent,
  LinkSignInState,
  LinkSignInStep,
} from "./state.js"
