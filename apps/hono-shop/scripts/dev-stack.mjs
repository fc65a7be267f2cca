// One command for the OIDC side: the Link simulator, the hosted Login with Link page (issuer) and
// the Corner Store (a Hono shop), wired together; and a second Corner Store in OAuth mode, signing
// in through the simulator's Link OAuth page (login.link.com) with its development client. `pnpm dev:oidc` at the root runs it (from
// scripts/dev-oidc.mjs, which adds the demo shop in OIDC mode) after a build;
// the browser tests in e2e-oidc run it on free ports.
//
// Development only: it registers clients whose secrets are public and generates the hosted page's
// keys, so it refuses to start without HOSTED_LOGIN_DEV=1 (which `pnpm dev:oidc` and the e2e-oidc
// config set).
//
// Env: HOSTED_LOGIN_DEV=1 (required), LINK_SIM_PORT (4010), HOSTED_LOGIN_PORT (3100), HONO_SHOP_PORT (3200),
// HONO_SHOP_OAUTH_PORT (3201, the OAuth-mode shop), DEMO_SHOP_URL
// (http://localhost:3000, registered as a second client for the demo shop's OIDC mode),
// STACK_HOST (localhost), STACK_EPHEMERAL=1 (fresh keys instead of apps/hosted-login/.data),
// HOSTED_LOGIN_RESEND_COOLDOWN (seconds, default 30), HOSTED_LOGIN_RATE_LIMIT=off, and the simulator's LINK_SIM_* variables.
import { startSimulator } from "@login-with-link/simulator"
import {
  generateSecrets,
  loadOrCreateSecrets,
  startHostedLogin,
} from "@login-with-link/hosted-login"
import { fileURLToPath } from "node:url"
import { randomBytes } from "node:crypto"
import { startShop } from "../dist/index.js"

const env = process.env
if (env.HOSTED_LOGIN_DEV !== "1") {
  console.error(
    "dev-stack: refusing to start: it runs the hosted page with development clients (public secrets) and generated keys. Set HOSTED_LOGIN_DEV=1 on your own machine (pnpm dev:oidc does), never on a server."
  )
  process.exit(1)
}
const host = env.STACK_HOST || "localhost"
const port = (name, fallback) => Number(env[name] || fallback)

const link = await startSimulator({
  port: port("LINK_SIM_PORT", 4010),
  quiet: env.LINK_SIM_QUIET === "1",
})

const shopPort = port("HONO_SHOP_PORT", 3200)
const shopUrl = `http://${host}:${shopPort}`
const demoUrl = (env.DEMO_SHOP_URL || "http://localhost:3000").replace(
  /\/+$/,
  ""
)
const clients = [
  {
    client_id: "hono-shop",
    client_secret: "dev-only-hono-shop-secret-change-me",
    client_name: "Corner Store",
    redirect_uris: [`${shopUrl}/callback`],
    post_logout_redirect_uris: [`${shopUrl}/signed-out`],
    first_party: true,
  },
  {
    client_id: "demo-shop",
    client_secret: "dev-only-demo-shop-secret-change-me",
    client_name: "Demo Shop",
    redirect_uris: [`${demoUrl}/api/auth/callback/link-oidc`],
    post_logout_redirect_uris: [`${demoUrl}/`],
    first_party: true,
  },
]

const hostedPort = port("HOSTED_LOGIN_PORT", 3100)
const dataDir = fileURLToPath(
  new URL("../../hosted-login/.data", import.meta.url)
)
const login = await startHostedLogin({
  port: hostedPort,
  issuer: `http://${host}:${hostedPort}`,
  clients,
  secrets:
    env.STACK_EPHEMERAL === "1"
      ? generateSecrets()
      : loadOrCreateSecrets(dataDir),
  link: {
    publishableKey: env.AUTH_LINK_KEY || "pk_test_dev_stack",
    apiUrl: link.apiUrl,
    resendCooldown: Number(env.HOSTED_LOGIN_RESEND_COOLDOWN || 30),
    // The browser tests sign in many times from one IP; production keeps the limits on.
    ...(env.HOSTED_LOGIN_RATE_LIMIT === "off" ? { rateLimit: false } : {}),
  },
})

const shop = await startShop({
  port: shopPort,
  baseUrl: shopUrl,
  issuer: login.url,
  clientId: "hono-shop",
  clientSecret: "dev-only-hono-shop-secret-change-me",
  sessionSecret:
    env.HONO_SHOP_SESSION_SECRET || randomBytes(32).toString("base64url"),
})

// The same shop in OAuth mode: the simulator's development client (shop_dev) accepts any
// localhost port's /callback.
/** The OAuth twin on `port`; its base URL follows the port it gets. */
const startOAuthShop = (oauthShopPort) =>
  startShop({
    port: oauthShopPort,
    hostname: "127.0.0.1",
    ...(oauthShopPort ? { baseUrl: `http://${host}:${oauthShopPort}` } : {}),
    mode: "oauth",
    oauth: {
      clientId: "shop_dev",
      clientSecret: "shop_dev_secret",
      publishableKey: env.AUTH_LINK_KEY || "pk_test_sim",
      loginUrl: link.oauthUrl,
      apiUrl: link.oauthUrl,
    },
    sessionSecret:
      env.HONO_SHOP_SESSION_SECRET || randomBytes(32).toString("base64url"),
  })
// A chosen port must be free; the default one gives way to a free port when taken.
const oauthShop = await startOAuthShop(
  port("HONO_SHOP_OAUTH_PORT", 3201)
).catch((error) => {
  if (env.HONO_SHOP_OAUTH_PORT || error?.code !== "EADDRINUSE") throw error
  return startOAuthShop(0)
})

console.log(`
  Link simulator     ${link.url}   (codes "sent" by SMS: ${link.url}/__dev)
  Hosted login (OP)  ${login.url}   (discovery: ${login.url}/.well-known/openid-configuration)
  Corner Store       ${shop.url}   <- open this, sign in as jo@example.com
  Corner Store OAuth ${oauthShop.url}   (the same shop on Link's own OAuth page, login.link.com as simulated)
  Demo shop client   demo-shop, redirect ${demoUrl}/api/auth/callback/link-oidc
`)

const stop = async () => {
  await Promise.allSettled([
    shop.close(),
    oauthShop.close(),
    login.close(),
    link.close(),
  ])
  process.exit(0)
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
