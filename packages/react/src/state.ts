/**
 * The state of the sign-in form: what its action (the driver) answers and the form renders. It is
 * `@login-with-link/core/form`'s, so that drivers that do not use React (a server action, Better
 * Auth's browser driver) share it without installing React.
 *
 * @module
 */
export {
  LINK_SIGN_IN_CHANNEL,
  LINK_SIGN_IN_FIELDS,
  LINK_SIGN_IN_INTENTS,
} from "@login-with-link/core/form"
export type {
  LinkDriverCode,
  LinkFormAction,
  LinkFormState,
  LinkSignInAlert,
  LinkSignInIntent,
  LinkSignInMessage,
  LinkSignInState,
  LinkSignInStep,
} from "@login-with-link/core/form"
