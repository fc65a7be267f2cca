/**
 * The one place that reads the environment. It goes through `globalThis` so the package imports
 * nothing from Node and still works where there is no `process` (edge runtimes, browsers' tests).
 *
 * @module
 */

/** The variables this package reads, Auth.js style. */
export interface LinkEnv {
  /** `AUTH_LINK_KEY`: the shop's Stripe publishable key. */
  publishableKey?: string
  /** `AUTH_LINK_API_URL`: the Login with Link API base URL. */
  apiUrl?: string
  /** `AUTH_SECRET` (and `AUTH_SECRET_1..3`, ordered as Auth.js orders them). */
  secrets: string[]
  /** `AUTH_LINK_CONCEAL_SECRET`: the never-rotated secret of conceal mode's decoy phones. */
  concealSecret?: string
}

function readRawEnvVar(name: string): string | undefined {
  const env = (
    globalThis as {
      process?: { env?: Record<string, string | undefined> }
    }
  ).process?.env
  const value = env?.[name]
  return typeof value === "string" && value.trim() !== "" ? value : undefined
}

/** One environment variable, trimmed; empty or absent is `undefined`. */
export function readEnvVar(name: string): string | undefined {
  return readRawEnvVar(name)?.trim()
}

/**
 * Read `AUTH_LINK_KEY`, `AUTH_LINK_API_URL`, `AUTH_LINK_CONCEAL_SECRET` and the Auth.js secrets
 * from `process.env` when there is one. Empty values count as unset.
 */
export function readLinkEnv(): LinkEnv {
  const get = readRawEnvVar
  // Same order as @auth/core's setEnvDefaults: AUTH_SECRET_1..3 go before AUTH_SECRET.
  const secrets: string[] = []
  const main = get("AUTH_SECRET")
  if (main) secrets.push(main)
  for (const i of [1, 2, 3]) {
    const extra = get(`AUTH_SECRET_${i}`)
    if (extra) secrets.unshift(extra)
  }
  return {
    publishableKey: get("AUTH_LINK_KEY")?.trim(),
    apiUrl: get("AUTH_LINK_API_URL")?.trim(),
    secrets,
    concealSecret: get("AUTH_LINK_CONCEAL_SECRET"),
  }
}
