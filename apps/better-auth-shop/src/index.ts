/**
 * Little Pantry: a shop on Better Auth with Login with Link (the plugin, or the hosted page over
 * OpenID Connect).
 * @module
 */
export {
  clientIpFrom,
  createShopApp,
  MAX_BODY_BYTES,
  type ShopAppOptions,
} from "./app.js"
export {
  createShopAuth,
  shopAuthOptions,
  type ShopAuth,
  type ShopAuthOptions,
} from "./auth.js"
export { loadShopConfig, type AuthMode, type ShopConfig } from "./config.js"
export { openDatabase, type ShopDatabase } from "./database.js"
export { connectRedis, type ShopRedis } from "./redis.js"
export { startShop, type RunningShop, type StartShopOptions } from "./server.js"
