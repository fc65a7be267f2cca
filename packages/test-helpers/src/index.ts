/**
 * Helpers shared by the workspace's tests, end-to-end configs and benchmarks (private, never
 * published). Node only. The helpers that need vitest have entries of their own:
 * `@login-with-link/test-helpers/link` (the Link API), `/hostile-form-suite` (the hostile-input
 * tests of the form's server drivers) and `/hosted-page` (the hosted page's sign-in steps).
 *
 * @module
 */
export { freePort, freePortsSync } from "./ports.js"
export { startRedis } from "./redis.js"
export type { RedisServer } from "./redis.js"
export { startPostgres } from "./postgres.js"
export type { PostgresServer } from "./postgres.js"
export { cookieJarFetch } from "./cookie-jar.js"
export type { SendRequest } from "./cookie-jar.js"
export { authorizeOf } from "./authorize.js"
export type { Authorize } from "./authorize.js"
export { RAW_QUERIES, VARIANTS } from "./hostile-redirects.js"
export { badChallengeCookies, FORGED_FORM_STATES } from "./hostile-form.js"
export type {
  BadChallengeCookie,
  ChallengeApp,
  SealChallenge,
} from "./hostile-form.js"
export { assertPortable } from "./portable.js"
export type { PortableOptions, PortableReport } from "./portable.js"
export { apiReport, exportNames } from "./api-report.js"
export type { ExportNames } from "./api-report.js"
