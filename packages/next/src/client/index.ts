/**
 * `@login-with-link/next`: the client half. `LinkSignInForm` renders the sign-in with Link over the
 * app's server action; `LinkSignInSync` keeps the app's other tabs in step. Imports neither
 * next-auth nor the provider at run time, so any Next.js auth library can reuse the form. This
 * entry is not a client module itself: each component's file is, so a page that uses only
 * `LinkSignInSync` (a layout) does not load the form.
 *
 * @module
 */
export { LinkSignInForm } from "./link-sign-in-form.js"
export type {
  LinkSignInAction,
  LinkSignInFormProps,
} from "./link-sign-in-form.js"
export { LinkSignInSync } from "./link-sign-in-sync.js"
export type { LinkSignInLabels } from "./labels.js"
export type { LinkSignInClassNames, LinkSignInPart } from "./parts.js"
export type { LinkSignInCopy } from "./view.js"
export type {
  LinkSignInAlert,
  LinkSignInState,
  LinkSignInStep,
} from "../state.js"
