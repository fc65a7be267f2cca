/**
 * @login-with-link/hosted-login: a hosted "Login with Link" page, as an OpenID Provider.
 * @module
 */
export {
  createHostedLogin,
  startHostedLogin,
  type HostedLogin,
  type HostedLoginOptions,
  type RunningHostedLogin,
  type StartHostedLoginOptions,
} from "./server.js"
export { loadConfig, type HostedLoginConfig } from "./config.js"
export {
  redisSignInStores,
  startFromConfig,
  type RunningFromConfig,
  type StartFromConfigOptions,
} from "./start.js"
export {
  parseClients,
  clientConfigSchema,
  type ClientConfig,
  type ClientConfigInput,
} from "./clients.js"
export {
  generateSecrets,
  generateSigningKey,
  loadOrCreateSecrets,
  type HostedLoginSecrets,
} from "./secrets.js"
export { subjectFor, normaliseEmail } from "./subject.js"
export { createMemoryStorage } from "./storage/memory.js"
export {
  createRedisStorage,
  type RedisStorageOptions,
} from "./storage/redis.js"
export {
  createAccountStore,
  type AccountStore,
  type LinkAccount,
} from "./accounts.js"
export { CLAIMS, TTL } from "./oidc.js"
