/**
 * The shop's configuration from the environment, with development defaults that match
 * `apps/hosted-login/clients.dev.json`.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `HONO_SHOP_PORT` | port | 3200 |
 * | `HONO_SHOP_URL` | public base URL (redirect URI = `<url>/callback`) | `http://localhost:<port>` |
 * | `HONO_SHOP_ISSUER` | the hosted Login with Link issuer | `http://localhost:3100` |
 * | `HONO_SHOP_CLIENT_ID` / `HONO_SHOP_CLIENT_SECRET` | the shop's OIDC client | the development client (not in production) |
 * | `HONO_SHOP_SESSION_SECRET` | HMAC key of the session cookie (32+ chars) | random per start (not in production) |
 * | `HONO_SHOP_MODE` | `oidc` (the hosted page) or `oauth` (Link's own OAuth page, login.link.com) | `oidc` |
 * | `AUTH_LINK_OAUTH_ID` / `AUTH_LINK_OAUTH_SECRET` | mode `oauth`: the shop's Link OAuth client | the simulator's `shop_dev` client (not in production) |
 * | `AUTH_LINK_KEY` | mode `oauth`: the publishable key the client is tied to | `pk_test_sim` (not in production) |
 * | `AUTH_LINK_OAUTH_URL` / `AUTH_LINK_OAUTH_API_URL` | mode `oauth`: Link's sign-in page and API bases | production: `https://login.link.com`, `https://api.link.com`; else the simulator, `http://127.0.0.1:4010/oauth` |
 * @module
 */
import { randomBytes } from "node:crypto"
import type { StartShopOptions } from "./server.js"

type Env = Record<string, string | undefined>

const DEV_CLIENT = {
  id: "hono-shop",
  secret: "dev-only-hono-shop-secret-change-me",
}

/** The Link simulator's development OAuth client and a test publishable key it accepts. */
const DEV_OAUTH_CLIENT = {
  id: "shop_dev",
  secret: "shop_dev_secret",
  publishableKey: "pk_test_sim",
  simulatorUrl: "http://127.0.0.1:4010/oauth",
}

function urlVariable(name: string, value: string | undefined) {
  if (value !== undefined && !URL.canParse(value))
    throw new TypeError(`${name} must be a URL, got "${value}".`)
  return value
}

/** Reads the shop's options; errors name the variable. */
export function loadShopConfig(env: Env): StartShopOptions & { port: number } {
  const get = (name: string) => env[name]?.trim() || undefined
  const production = env.NODE_ENV === "production"
  const require = (name: string, fallback: string) => {
    const value = get(name)
    if (value) return value
    if (production) throw new TypeError(`${name} must be set in production.`)
    return fallback
  }
  const portText = get("HONO_SHOP_PORT") ?? "3200"
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(
      `HONO_SHOP_PORT must be a port number, got "${portText}".`
    )
  const mode = get("HONO_SHOP_MODE") ?? "oidc"
  if (mode !== "oidc" && mode !== "oauth")
    throw new TypeError(
      `HONO_SHOP_MODE must be "oidc" or "oauth", got "${mode}".`
    )
  const common = {
    port,
    hostname: get("HONO_SHOP_HOSTNAME") ?? "127.0.0.1",
    baseUrl: get("HONO_SHOP_URL") ?? `http://localhost:${port}`,
    sessionSecret: require("HONO_SHOP_SESSION_SECRET", randomBytes(32).toString(
      "base64url"
    )),
  }
  if (mode === "oauth") {
    // Development talks to the simulator (`pnpm dev:oidc` starts it); production to Link.
    const simulator = production ? undefined : DEV_OAUTH_CLIENT.simulatorUrl
    const loginUrl = urlVariable(
      "AUTH_LINK_OAUTH_URL",
      get("AUTH_LINK_OAUTH_URL") ?? simulator
    )
    const apiUrl = urlVariable(
      "AUTH_LINK_OAUTH_API_URL",
      get("AUTH_LINK_OAUTH_API_URL") ?? simulator
    )
    return {
      ...common,
      mode,
      oauth: {
        clientId: require("AUTH_LINK_OAUTH_ID", DEV_OAUTH_CLIENT.id),
        clientSecret: require("AUTH_LINK_OAUTH_SECRET", DEV_OAUTH_CLIENT.secret),
        publishableKey: require("AUTH_LINK_KEY", DEV_OAUTH_CLIENT.publishableKey),
        ...(loginUrl ? { loginUrl } : {}),
        ...(apiUrl ? { apiUrl } : {}),
      },
    }
  }
  return {
    ...common,
    mode,
    issuer: get("HONO_SHOP_ISSUER") ?? "http://localhost:3100",
    clientId: require("HONO_SHOP_CLIENT_ID", DEV_CLIENT.id),
    clientSecret: require("HONO_SHOP_CLIENT_SECRET", DEV_CLIENT.secret),
  }
}
