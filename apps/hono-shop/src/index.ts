/**
 * The Corner Store: a Hono shop that signs people in with Login with Link over OpenID Connect.
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
  createOidcClient,
  type OidcClient,
  type OidcClientOptions,
} from "./oidc.js"
