/**
 * `@login-with-link/next`: the client half. The form of `@login-with-link/react`, fed with what
 * Next.js knows (the page's query while rendering on the server, `router.refresh`):
 * `LinkSignInForm` renders the sign-in with Link over the app's server action; `LinkSignInSync`
 * keeps the app's other tabs in step. Imports neither next-auth nor the provider at run time. This
 * entry is not a client module itself: each component's file is, so a page that uses only
 * `LinkSignInSync` (a layout) does not load the form.
 *
 * @module
 */
export { LinkSignInForm } from "./link-sign-in-form.js"
export { LinkSignInSync } from "./link-sign-in-sync.js"
export type {
  LinkFormAction,
  LinkFormState,
  LinkSignInAction,
  LinkSignInAlert,
  LinkSignInClassNames,
  LinkSignInCopy,
  LinkSignInFormProps,
  LinkSignInLabels,
  LinkSignInPart,
  LinkSignInState,
  LinkSignInStep,
  LinkSignInSyncProps,
} from "@login-with-link/react"
