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
 * @module
 */
import { randomBytes } from "node:crypto"
import type { StartShopOptions } from "./server.js"

type Env = Record<string, string | undefined>

const DEV_CLIENT = {
  id: "hono-shop",
  secret: "dev-only-hono-shop-secret-change-me",
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
  return {
    port,
    hostname: get("HONO_SHOP_HOSTNAME") ?? "127.0.0.1",
    baseUrl: get("HONO_SHOP_URL") ?? `http://localhost:${port}`,
    issuer: get("HONO_SHOP_ISSUER") ?? "http://localhost:3100",
    clientId: require("HONO_SHOP_CLIENT_ID", DEV_CLIENT.id),
    clientSecret: require("HONO_SHOP_CLIENT_SECRET", DEV_CLIENT.secret),
    sessionSecret: require("HONO_SHOP_SESSION_SECRET", randomBytes(32).toString(
      "base64url"
    )),
  }
}
