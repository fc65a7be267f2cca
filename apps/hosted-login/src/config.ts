/**
 * The one place that reads the environment and the filesystem for configuration.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `HOSTED_LOGIN_PORT` (or `PORT`) | port to listen on | 3100 |
 * | `HOSTED_LOGIN_HOSTNAME` | address to bind | 127.0.0.1 |
 * | `HOSTED_LOGIN_ISSUER` | issuer URL (public, no trailing slash) | `http://localhost:<port>` |
 * | `HOSTED_LOGIN_CLIENTS` | clients as a JSON array | required (or the file) |
 * | `HOSTED_LOGIN_CLIENTS_FILE` | path of a JSON file of clients | dev: `clients.dev.json` of this app |
 * | `HOSTED_LOGIN_JWKS` | private JWKS (JSON) that signs ID tokens | required; dev: generated |
 * | `HOSTED_LOGIN_COOKIE_KEYS` | comma-separated cookie signing keys | required; dev: generated |
 * | `HOSTED_LOGIN_SUBJECT_PEPPER` | pepper of the `sub` HMAC (never rotate) | required; dev: generated |
 * | `AUTH_SECRET` | key that seals Link challenges | required; dev: generated |
 * | `HOSTED_LOGIN_DEV` | `1`: development (public dev clients, generated secrets, http issuer only) | off |
 * | `HOSTED_LOGIN_DATA_DIR` | dev: where generated secrets are kept | `apps/hosted-login/.data` |
 * | `HOSTED_LOGIN_REDIS_URL` | Redis for several instances | in memory |
 * | `HOSTED_LOGIN_TRUST_PROXY` | `1` behind a TLS-terminating proxy | off |
 * | `HOSTED_LOGIN_PROXY_HOPS` | how many proxies you run that append to `X-Forwarded-For` (2 for a CDN in front of a load balancer) | 1 (with `HOSTED_LOGIN_TRUST_PROXY=1`) |
 * | `HOSTED_LOGIN_EMAIL_VERIFIED` | `1`: ID tokens say `email_verified: true` (read the README first) | off |
 * | `AUTH_LINK_KEY`, `AUTH_LINK_API_URL` | read by `@login-with-link/core`'s Link client | — |
 *
 * Nothing here looks at NODE_ENV: development defaults (clients whose secrets are public, keys
 * generated on the fly) need `HOSTED_LOGIN_DEV=1`, and without it a missing setting is an error
 * that names every variable to set.
 * @module
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseClients, type ClientConfig } from "./clients.js"
import { loadOrCreateSecrets, type HostedLoginSecrets } from "./secrets.js"

type Env = Record<string, string | undefined>

/** Configuration read from the environment. */
export interface HostedLoginConfig {
  port: number
  hostname: string
  issuer: string
  clients: ClientConfig[]
  secrets: HostedLoginSecrets
  redisUrl?: string
  trustProxy: boolean
  /**
   * With `trustProxy`: how many proxies you run in front of the page, each appending to
   * `X-Forwarded-For`; the client IP is the entry the outermost one appended.
   */
  proxyHops: number
  /** The ID token's `email_verified` (`HOSTED_LOGIN_EMAIL_VERIFIED=1`). */
  emailVerified: boolean
  /** Started with `HOSTED_LOGIN_DEV=1`: development clients and generated secrets allowed. */
  dev: boolean
}

/** The secrets a deployment must give: variable -> what to put in it. */
const SECRET_VARIABLES = {
  HOSTED_LOGIN_JWKS:
    'the private JWKS that signs ID tokens: { "keys": [ ... ] }',
  HOSTED_LOGIN_COOKIE_KEYS: "comma-separated random keys that sign cookies",
  HOSTED_LOGIN_SUBJECT_PEPPER: "a random pepper for `sub` (never change it)",
  AUTH_SECRET: "a random key (32+ bytes) that seals Link challenges",
} as const

/** The error for a configuration that only development defaults would complete. */
function refusal(missing: string[]): TypeError {
  return new TypeError(
    [
      "refusing to start without its production settings. Set:",
      ...missing.map((line) => `  - ${line}`),
      "Or, on your own machine only, set HOSTED_LOGIN_DEV=1 to use the development clients (clients.dev.json, whose secrets are public) and secrets generated into HOSTED_LOGIN_DATA_DIR.",
    ].join("\n")
  )
}

const appRoot = fileURLToPath(new URL("..", import.meta.url))

function get(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function readClients(env: Env, file: string): ClientConfig[] {
  const inline = get(env, "HOSTED_LOGIN_CLIENTS")
  if (inline)
    return parseClients(
      parseJson(inline, "HOSTED_LOGIN_CLIENTS"),
      "HOSTED_LOGIN_CLIENTS"
    )
  return parseClients(parseJson(readFileSync(file, "utf8"), file), file)
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new TypeError(`${source} is not valid JSON.`)
  }
}

/**
 * Reads the configuration. Secrets missing from env are generated once into the data directory.
 *
 * @example
 * const config = loadConfig(process.env)
 */
export function loadConfig(env: Env): HostedLoginConfig {
  const portText = get(env, "HOSTED_LOGIN_PORT") ?? get(env, "PORT") ?? "3100"
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(
      `HOSTED_LOGIN_PORT must be a port number, got "${portText}".`
    )
  const issuer = (
    get(env, "HOSTED_LOGIN_ISSUER") ?? `http://localhost:${port}`
  ).replace(/\/+$/, "")
  if (!URL.canParse(issuer))
    throw new TypeError(`HOSTED_LOGIN_ISSUER must be a URL, got "${issuer}".`)

  const dev = get(env, "HOSTED_LOGIN_DEV") === "1"
  if (dev && new URL(issuer).protocol === "https:")
    throw new TypeError(
      `HOSTED_LOGIN_DEV=1 is for a local http issuer, but HOSTED_LOGIN_ISSUER is ${issuer}: a public issuer needs its own clients and secrets.`
    )
  const jwks = get(env, "HOSTED_LOGIN_JWKS")
  const cookieKeys = get(env, "HOSTED_LOGIN_COOKIE_KEYS")
  const pepper = get(env, "HOSTED_LOGIN_SUBJECT_PEPPER")
  const challengeSecret = get(env, "AUTH_SECRET")
  const clientsFile =
    get(env, "HOSTED_LOGIN_CLIENTS_FILE") ??
    (dev ? `${appRoot}clients.dev.json` : undefined)
  if (!dev) {
    const missing: string[] = []
    if (!get(env, "HOSTED_LOGIN_CLIENTS") && !clientsFile)
      missing.push(
        "HOSTED_LOGIN_CLIENTS (a JSON array of clients) or HOSTED_LOGIN_CLIENTS_FILE (a path to one)"
      )
    for (const [name, what] of Object.entries(SECRET_VARIABLES))
      if (!get(env, name)) missing.push(`${name}: ${what}`)
    if (missing.length) throw refusal(missing)
  }
  const needFile = !jwks || !cookieKeys || !pepper || !challengeSecret
  const generated = needFile
    ? loadOrCreateSecrets(
        get(env, "HOSTED_LOGIN_DATA_DIR") ?? `${appRoot}.data`
      )
    : undefined
  const secrets: HostedLoginSecrets = {
    jwks: jwks
      ? (parseJson(jwks, "HOSTED_LOGIN_JWKS") as HostedLoginSecrets["jwks"])
      : generated!.jwks,
    cookieKeys: cookieKeys
      ? cookieKeys.split(",").map((k) => k.trim())
      : generated!.cookieKeys,
    subjectPepper: pepper ?? generated!.subjectPepper,
    challengeSecret: challengeSecret ?? generated!.challengeSecret,
  }
  if (!Array.isArray(secrets.jwks?.keys) || secrets.jwks.keys.length === 0)
    throw new TypeError(
      'HOSTED_LOGIN_JWKS must be a private JWKS: { "keys": [ ... ] }.'
    )

  const redisUrl = get(env, "HOSTED_LOGIN_REDIS_URL")
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new TypeError(
      `HOSTED_LOGIN_REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl}".`
    )
  const trustProxy = get(env, "HOSTED_LOGIN_TRUST_PROXY") === "1"
  const hopsText = get(env, "HOSTED_LOGIN_PROXY_HOPS")
  const proxyHops = hopsText === undefined ? 1 : Number(hopsText)
  if (!Number.isInteger(proxyHops) || proxyHops < 1 || proxyHops > 20)
    throw new TypeError(
      `HOSTED_LOGIN_PROXY_HOPS must be the number of proxies in front of the page (1 to 20), got "${hopsText}".`
    )
  if (hopsText !== undefined && !trustProxy)
    throw new TypeError(
      "HOSTED_LOGIN_PROXY_HOPS is set but HOSTED_LOGIN_TRUST_PROXY is not: set HOSTED_LOGIN_TRUST_PROXY=1 when the page runs behind proxies that set X-Forwarded-*."
    )
  return {
    port,
    hostname: get(env, "HOSTED_LOGIN_HOSTNAME") ?? "127.0.0.1",
    issuer,
    // Without the dev flag, one of the two is set (checked above).
    clients: readClients(env, clientsFile ?? ""),
    secrets,
    ...(redisUrl ? { redisUrl } : {}),
    trustProxy,
    proxyHops,
    emailVerified: get(env, "HOSTED_LOGIN_EMAIL_VERIFIED") === "1",
    dev,
  }
}
