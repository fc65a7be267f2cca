/**
 * The one place that reads the environment and the filesystem for configuration.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `HOSTED_LOGIN_PORT` (or `PORT`) | port to listen on | 3100 |
 * | `HOSTED_LOGIN_HOSTNAME` | address to bind | 127.0.0.1 |
 * | `HOSTED_LOGIN_ISSUER` | issuer URL (public, no trailing slash) | `http://localhost:<port>` |
 * | `HOSTED_LOGIN_CLIENTS` | clients as a JSON array | — |
 * | `HOSTED_LOGIN_CLIENTS_FILE` | path of a JSON file of clients | `clients.dev.json` of this app (not in production) |
 * | `HOSTED_LOGIN_DATA_DIR` | where generated secrets are kept | `apps/hosted-login/.data` |
 * | `HOSTED_LOGIN_JWKS` | private JWKS (JSON) that signs ID tokens | generated into the data dir |
 * | `HOSTED_LOGIN_COOKIE_KEYS` | comma-separated cookie signing keys | generated |
 * | `HOSTED_LOGIN_SUBJECT_PEPPER` | pepper of the `sub` HMAC (never rotate) | generated |
 * | `AUTH_SECRET` | key that seals Link challenges | generated |
 * | `HOSTED_LOGIN_REDIS_URL` | Redis for several instances | in memory |
 * | `HOSTED_LOGIN_TRUST_PROXY` | `1` behind a TLS-terminating proxy | off |
 * | `AUTH_LINK_KEY`, `AUTH_LINK_API_URL` | read by the provider package's Link client | — |
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
}

const appRoot = fileURLToPath(new URL("..", import.meta.url))

function get(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function readClients(env: Env): ClientConfig[] {
  const inline = get(env, "HOSTED_LOGIN_CLIENTS")
  if (inline)
    return parseClients(
      parseJson(inline, "HOSTED_LOGIN_CLIENTS"),
      "HOSTED_LOGIN_CLIENTS"
    )
  let file = get(env, "HOSTED_LOGIN_CLIENTS_FILE")
  if (!file) {
    if (env.NODE_ENV === "production")
      throw new TypeError(
        "HOSTED_LOGIN_CLIENTS or HOSTED_LOGIN_CLIENTS_FILE must be set in production: the development clients (clients.dev.json) have public secrets."
      )
    file = `${appRoot}clients.dev.json`
  }
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

  const jwks = get(env, "HOSTED_LOGIN_JWKS")
  const cookieKeys = get(env, "HOSTED_LOGIN_COOKIE_KEYS")
  const pepper = get(env, "HOSTED_LOGIN_SUBJECT_PEPPER")
  const challengeSecret = get(env, "AUTH_SECRET")
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
  return {
    port,
    hostname: get(env, "HOSTED_LOGIN_HOSTNAME") ?? "127.0.0.1",
    issuer,
    clients: readClients(env),
    secrets,
    ...(redisUrl ? { redisUrl } : {}),
    trustProxy: get(env, "HOSTED_LOGIN_TRUST_PROXY") === "1",
  }
}
