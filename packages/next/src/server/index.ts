/**
 * `@login-with-link/next/server`: the server half. `linkSignIn` is the whole body of the app's
 * sign-in server action; import this entry from server code only (it reads cookies and headers).
 *
 * @module
 */
export { linkSignIn } from "./link-sign-in.js"
export type { LinkSignInFunction, LinkSignInOptions } from "./link-sign-in.js"
export { CHALLENGE_COOKIE } from "./challenge-cookie.js"
export type {
  LinkFormState,
  LinkSignInAlert,
  LinkSignInState,
  LinkSignInStep,
} from "@login-with-link/core/form"
