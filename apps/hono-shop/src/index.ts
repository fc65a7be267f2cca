/**
 * The Corner Store: a Hono shop that signs people in with Login with Link, over OpenID Connect
 * (the hosted page) or OAuth 2 (Link's own sign-in page).
 * @module
 */
export { createShopApp, type ShopOptions } from "./app.js"
export { startShop, type RunningShop, type StartShopOptions } from "./server.js"
export { loadShopConfig } from "./config.js"
export {
  createSessions,
  type ShopSession,
  type SignInFlow,
  type Sessions,
} from "./session.js"
export {
  createLinkOAuthClient,
  LinkOAuthError,
  LINK_OAUTH_DEFAULTS,
  type LinkOAuthClientOptions,
} from "./link-oauth.js"
export type {
  SignedInPerson,
  SignInChecks,
  SignInClient,
} from "./sign-in-client.js"
export {
  createOidcClient,
  type OidcClient,
  type OidcClientOptions,
} from "./oidc.js"
