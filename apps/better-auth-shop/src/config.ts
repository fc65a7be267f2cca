/**
 * The shop's configuration from the environment. Development defaults need nothing set; in
 * production (`NODE_ENV=production`) every secret must be given.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `SHOP_AUTH_MODE` | `link` (the Better Auth plugin), `oauth` (the plugin and Link's own OAuth page through `genericOAuth`) or `oidc` (the hosted page through `genericOAuth`) | `link` |
 * | `PORT` | port | `3300` |
 * | `HOSTNAME` | interface to listen on | `127.0.0.1` |
 * | `BETTER_AUTH_URL` | public base URL of the shop (Better Auth's own variable) | `http://localhost:<port>` |
 * | `BETTER_AUTH_SECRET` | Better Auth's secret (32+ characters): signs cookies, seals the Link challenge | random per start (not in production) |
 * | `DATABASE_URL` | a Postgres connection string | unset: embedded PGlite |
 * | `PGLITE_DIR` | where the embedded database lives (`memory://` for none) | `.data/pglite` of the app |
 * | `REDIS_URL` | Redis for Better Auth's secondary storage and every rate limit (several instances) | unset: in memory |
 * | `SHOP_CLIENT_IP_HEADER` | the header your proxy sets to the client's address, e.g. `cf-connecting-ip` (of a list, the last entry) | unset: the connection's address |
 * | `AUTH_LINK_KEY`, `AUTH_LINK_API_URL` | Link publishable key and API (mode `link`) | `pk_test_shop`, the simulator on `http://127.0.0.1:4010/api` (not in production) |
 * | `AUTH_LINK_RESEND_COOLDOWN` | seconds before "Send a new code" works (mode `link`) | `30` |
 * | `LINK_ISSUER` | the hosted Login with Link page (mode `oidc`) | `http://localhost:3100` |
 * | `LINK_OIDC_CLIENT_ID`, `LINK_OIDC_CLIENT_SECRET` | this shop's client at the hosted page | the development client of `apps/hosted-login/clients.dev.json` (not in production) |
 * | `AUTH_LINK_OAUTH_ID`, `AUTH_LINK_OAUTH_SECRET` | mode `oauth`: the shop's Link OAuth client | the simulator's `shop_dev` client (not in production) |
 * | `AUTH_LINK_OAUTH_URL`, `AUTH_LINK_OAUTH_API_URL` | mode `oauth`: bases of Link's sign-in page (login.link.com) and API (api.link.com) | production: Link's; else the simulator, `http://127.0.0.1:4010/oauth` |
 * | `LINK_DEV_OUTBOX_URL` | shows a link to the simulator's SMS outbox on the code step (development only) | unset |
 * @module
 */
import { randomBytes } from "node:crypto"
import { fileURLToPath } from "node:url"

type Env = Record<string, string | undefined>

/** How the shop signs people in. */
export type AuthMode = "link" | "oauth" | "oidc"

/** Everything the shop needs, read from the environment. */
export interface ShopConfig {
  mode: AuthMode
  port: number
  hostname: string
  baseUrl: string
  secret: string
  /** Postgres connection string, or undefined for the embedded PGlite. */
  databaseUrl: string | undefined
  /** PGlite's data directory (`memory://` keeps nothing). */
  pgliteDir: string
  redisUrl: string | undefined
  /** The lower-case name of the header a trusted proxy sets to the client's address. */
  clientIpHeader: string | undefined
  link: { publishableKey: string; apiUrl: string; resendCooldown?: number }
  /** Mode `oauth`: Link's OAuth client (URLs unset: Link's own). */
  oauth: {
    clientId: string
    clientSecret: string
    url?: string | undefined
    apiUrl?: string | undefined
  }
  oidc: { issuer: string; clientId: string; clientSecret: string }
  devOutboxUrl: string | undefined
}

/** The Link simulator's development OAuth client, and where the simulator serves Link's OAuth. */
export const DEV_OAUTH_CLIENT = {
  id: "shop_dev",
  secret: "shop_dev_secret",
  url: "http://127.0.0.1:4010/oauth",
}

/** The development client registered in apps/hosted-login/clients.dev.json. */
export const DEV_OIDC_CLIENT = {
  id: "better-auth-shop",
  secret: "dev-only-better-auth-shop-secret-change-me",
}

const DEFAULT_PGLITE_DIR = fileURLToPath(
  new URL("../.data/pglite", import.meta.url)
)

/** Reads the shop's configuration; an error names the variable at fault. */
export function loadShopConfig(env: Env): ShopConfig {
  const get = (name: string) => env[name]?.trim() || undefined
  const production = env.NODE_ENV === "production"
  const required = (name: string, fallback: () => string) => {
    const value = get(name)
    if (value) return value
    if (production) throw new TypeError(`${name} must be set in production.`)
    return fallback()
  }

  const mode = get("SHOP_AUTH_MODE") ?? "link"
  if (mode !== "link" && mode !== "oauth" && mode !== "oidc")
    throw new TypeError(
      `SHOP_AUTH_MODE must be "link", "oauth" or "oidc", got "${mode}".`
    )
  // Modes link and oauth both run the plugin (oauth adds Link's OAuth page beside it).
  const plugin = mode !== "oidc"
  const portText = get("PORT") ?? "3300"
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`PORT must be a port number, got "${portText}".`)
  const baseUrl = urlVariable(
    "BETTER_AUTH_URL",
    get("BETTER_AUTH_URL") ?? `http://localhost:${port}`
  ).replace(/\/+$/, "")
  const secret = required("BETTER_AUTH_SECRET", () =>
    randomBytes(32).toString("base64url")
  )
  if (secret.length < 32)
    throw new TypeError("BETTER_AUTH_SECRET must be at least 32 characters.")
  const databaseUrl = get("DATABASE_URL")
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new TypeError(
      "DATABASE_URL must be a postgres:// or postgresql:// connection string."
    )
  const redisUrl = get("REDIS_URL")
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new TypeError("REDIS_URL must be a redis:// or rediss:// URL.")
  const cooldownText = get("AUTH_LINK_RESEND_COOLDOWN")
  const resendCooldown =
    cooldownText === undefined ? undefined : Number(cooldownText)
  if (
    resendCooldown !== undefined &&
    (!Number.isInteger(resendCooldown) ||
      resendCooldown < 0 ||
      resendCooldown > 3600)
  )
    throw new TypeError(
      `AUTH_LINK_RESEND_COOLDOWN must be whole seconds from 0 to 3600, got "${cooldownText}".`
    )
  const clientIpHeader = get("SHOP_CLIENT_IP_HEADER")?.toLowerCase()
  if (clientIpHeader && !/^[a-z0-9-]+$/.test(clientIpHeader))
    throw new TypeError("SHOP_CLIENT_IP_HEADER must be a header name.")

  return {
    mode,
    port,
    hostname: get("HOSTNAME") ?? "127.0.0.1",
    baseUrl,
    secret,
    databaseUrl,
    pgliteDir: get("PGLITE_DIR") ?? DEFAULT_PGLITE_DIR,
    redisUrl,
    clientIpHeader,
    link: {
      publishableKey: plugin
        ? required("AUTH_LINK_KEY", () => "pk_test_shop")
        : (get("AUTH_LINK_KEY") ?? "pk_test_shop"),
      apiUrl: urlVariable(
        "AUTH_LINK_API_URL",
        plugin
          ? required("AUTH_LINK_API_URL", () => "http://127.0.0.1:4010/api")
          : (get("AUTH_LINK_API_URL") ?? "http://127.0.0.1:4010/api")
      ),
      ...(resendCooldown === undefined ? {} : { resendCooldown }),
    },
    oauth: {
      clientId:
        mode === "oauth"
          ? required("AUTH_LINK_OAUTH_ID", () => DEV_OAUTH_CLIENT.id)
          : DEV_OAUTH_CLIENT.id,
      clientSecret:
        mode === "oauth"
          ? required("AUTH_LINK_OAUTH_SECRET", () => DEV_OAUTH_CLIENT.secret)
          : DEV_OAUTH_CLIENT.secret,
      // Development talks to the simulator; production to login.link.com and api.link.com.
      url: optionalUrl(
        "AUTH_LINK_OAUTH_URL",
        get("AUTH_LINK_OAUTH_URL") ??
          (production ? undefined : DEV_OAUTH_CLIENT.url)
      ),
      apiUrl: optionalUrl(
        "AUTH_LINK_OAUTH_API_URL",
        get("AUTH_LINK_OAUTH_API_URL") ??
          (production ? undefined : DEV_OAUTH_CLIENT.url)
      ),
    },
    oidc: {
      issuer: urlVariable(
        "LINK_ISSUER",
        get("LINK_ISSUER") ?? "http://localhost:3100"
      ).replace(/\/+$/, ""),
      clientId:
        mode === "oidc"
          ? required("LINK_OIDC_CLIENT_ID", () => DEV_OIDC_CLIENT.id)
          : DEV_OIDC_CLIENT.id,
      clientSecret:
        mode === "oidc"
          ? required("LINK_OIDC_CLIENT_SECRET", () => DEV_OIDC_CLIENT.secret)
          : DEV_OIDC_CLIENT.secret,
    },
    devOutboxUrl: production ? undefined : get("LINK_DEV_OUTBOX_URL"),
  }
}

function optionalUrl(name: string, value: string | undefined) {
  return value === undefined ? undefined : urlVariable(name, value)
}

function urlVariable(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new TypeError(`${name} must be a URL, got "${value}".`)
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TypeError(`${name} must be an http(s) URL, got "${value}".`)
  return value
}
