/**
 * Login with Link for Auth.js: the providers, the reader of what a sign-in step answered, the
 * `CredentialsSignin` subclasses it throws, and the few helpers an Auth.js app wires up (the quiet
 * logger, the copy, the client-IP sources). Everything framework-neutral (the steps, the Link
 * client, the sealed challenge, limits, codes) is `@login-with-link/core`'s: import it from there.
 *
 * The names are kept in one list per source file, so that each provider adds one block.
 *
 * @module
 */

// The in-page code (Credentials).
export {
  createLoginWithLink,
  LoginWithLink,
  LoginWithLink as default,
} from "./provider.js"
export type { LoginWithLinkProvider } from "./provider.js"
export type { LoginWithLinkOptions } from "./options.js"

// What a step answered, read from the error `signIn("link", …)` threw; the errors themselves.
export { readLinkOutcome } from "./read-outcome.js"
export type { LinkOutcome } from "./read-outcome.js"
export {
  LinkCodeSent,
  LinkSignInFailed,
  LinkSignupRequired,
} from "./outcome-errors.js"

// The self-hosted OIDC page (apps/hosted-login).
export { LoginWithLinkOIDC } from "./oidc.js"
export type { LinkOIDCProfile, LoginWithLinkOIDCOptions } from "./oidc.js"

// What an Auth.js app wires up beside the provider.
export {
  clientIpFromForwardedFor,
  clientIpFromHeader,
  linkErrorCopy,
  linkLogger,
} from "@login-with-link/core"
export type { ClientIpSource } from "@login-with-link/core"

// Link's own OAuth page (login.link.com), and one user per person on both Link paths. Its failure
// codes and their copy are core's (`LinkOAuthErrorCode`, `linkErrorCopy`); its tokens are
// `@login-with-link/provider/oauth`'s.
export { createLinkOAuth, LinkOAuth } from "./link-oauth.js"
export type {
  LinkOAuthOptions,
  LinkOAuthProfile,
  LinkOAuthProvider,
} from "./link-oauth.js"
export { readLinkOAuthError } from "./link-oauth-errors.js"
export { linkJwt } from "./link-jwt.js"
export { linkSamePerson } from "./same-person.js"
export type { LinkSamePerson } from "./same-person.js"
