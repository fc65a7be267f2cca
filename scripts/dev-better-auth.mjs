#!/usr/bin/env node
// `pnpm dev:better-auth`: Little Pantry (apps/better-auth-shop, a shop on Better Auth) on the Link
// simulator, wired through the environment.
//
//   SHOP_AUTH_MODE=link (default): the @login-with-link/better-auth plugin; simulator + shop.
//   SHOP_AUTH_MODE=oauth: the plugin and Link's own OAuth page (the simulator's login.link.com,
//     its shop_dev client) through genericOAuth; simulator + shop.
//   SHOP_AUTH_MODE=oidc: Better Auth's genericOAuth; simulator + hosted Login with Link page + shop.
//
// Ports: PORT (the shop, 3300), LINK_SIM_PORT (4010), HOSTED_LOGIN_PORT (3100); the next free one
// is taken when one is busy. With AUTH_LINK_API_URL set, no simulator is started. Anything else the
// shop reads (BETTER_AUTH_SECRET, DATABASE_URL, REDIS_URL, ...: apps/better-auth-shop/README.md)
// is passed through. STACK_EPHEMERAL=1 gives the hosted page fresh keys instead of its .data.
import { spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const shopDir = join(root, "apps", "better-auth-shop")
const env = { ...process.env }
const mode = env.SHOP_AUTH_MODE?.trim() || "link"
if (mode !== "link" && mode !== "oauth" && mode !== "oidc") {
  console.error(
    `SHOP_AUTH_MODE must be "link", "oauth" or "oidc", got "${mode}".`
  )
  process.exit(1)
}
env.SHOP_AUTH_MODE = mode

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, host, () => server.close(() => resolve(true)))
  })
}

/** `preferred` if it is free, else the next free one up to 20 above it. */
async function choosePort(preferred, host = "127.0.0.1") {
  for (let port = preferred; port < preferred + 20; port++) {
    if (await portIsFree(port, host)) return port
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 19}.`)
}

const closers = []
const notes = []

let simulator
if (env.AUTH_LINK_API_URL?.trim()) {
  notes.push(
    `Using the Link API at ${env.AUTH_LINK_API_URL} (AUTH_LINK_API_URL is set): no simulator started.`
  )
} else {
  const { startSimulator } = await import("../packages/simulator/dist/index.js")
  simulator = await startSimulator({
    port: await choosePort(Number(env.LINK_SIM_PORT) || 4010),
    hostname: "127.0.0.1",
  })
  closers.push(() => simulator.close())
  env.AUTH_LINK_API_URL = simulator.apiUrl
  // Link's OAuth (mode oauth), as the same simulator serves it.
  env.AUTH_LINK_OAUTH_URL ||= simulator.oauthUrl
  env.AUTH_LINK_OAUTH_API_URL ||= simulator.oauthUrl
  env.LINK_DEV_OUTBOX_URL ??= `${simulator.url}/__dev`
  env.AUTH_LINK_KEY ||= "pk_test_demo"
}

const shopPort = await choosePort(Number(env.PORT) || 3300)
env.PORT = String(shopPort)
// localhost, as the hosted page's development client registers it.
env.BETTER_AUTH_URL ||= `http://localhost:${shopPort}`
const shopUrl = env.BETTER_AUTH_URL.replace(/\/+$/, "")

let hosted
if (mode === "oidc") {
  const { generateSecrets, loadOrCreateSecrets, startHostedLogin } =
    await import("../apps/hosted-login/dist/index.js")
  const hostedPort = await choosePort(Number(env.HOSTED_LOGIN_PORT) || 3100)
  env.LINK_ISSUER ||= `http://localhost:${hostedPort}`
  env.LINK_OIDC_CLIENT_ID ||= "better-auth-shop"
  env.LINK_OIDC_CLIENT_SECRET ||= "dev-only-better-auth-shop-secret-change-me"
  hosted = await startHostedLogin({
    port: hostedPort,
    hostname: "127.0.0.1",
    issuer: env.LINK_ISSUER,
    clients: [
      {
        client_id: env.LINK_OIDC_CLIENT_ID,
        client_secret: env.LINK_OIDC_CLIENT_SECRET,
        client_name: "Little Pantry",
        redirect_uris: [`${shopUrl}/api/auth/callback/login-with-link`],
        post_logout_redirect_uris: [`${shopUrl}/signed-out`],
        first_party: true,
      },
    ],
    secrets:
      env.STACK_EPHEMERAL === "1"
        ? generateSecrets()
        : loadOrCreateSecrets(join(root, "apps", "hosted-login", ".data")),
    link: {
      publishableKey: env.AUTH_LINK_KEY || "pk_test_demo",
      apiUrl: env.AUTH_LINK_API_URL,
      resendCooldown: Number(env.HOSTED_LOGIN_RESEND_COOLDOWN || 30),
      // Browser tests sign in many times from one address; production keeps the limits on.
      ...(env.HOSTED_LOGIN_RATE_LIMIT === "off" ? { rateLimit: false } : {}),
    },
  })
  closers.push(() => hosted.close())
}

if (!env.BETTER_AUTH_SECRET?.trim()) {
  env.BETTER_AUTH_SECRET = randomBytes(32).toString("base64url")
  notes.push(
    "BETTER_AUTH_SECRET is not set: generated a random one for this run, so sessions end when you restart."
  )
}

const line = "─".repeat(72)
console.log(`\n${line}`)
console.log(
  `  Little Pantry (Better Auth, mode ${mode})  ${shopUrl}   <- sign in as jo@example.com`
)
if (hosted) console.log(`  Hosted login (OIDC issuer)            ${hosted.url}`)
if (simulator) {
  console.log(`  Link simulator                        ${simulator.url}`)
  console.log(`  SMS outbox (the codes "texted")       ${simulator.url}/__dev`)
}
for (const note of notes) console.log(`  ${note}`)
console.log(`  Ctrl-C stops everything.`)
console.log(`${line}\n`)

const shop = spawn(process.execPath, [join(shopDir, "dist", "bin.js")], {
  cwd: shopDir,
  env,
  stdio: "inherit",
})

let stopping = false
async function stop(code) {
  if (stopping) return
  stopping = true
  if (shop.exitCode === null && shop.signalCode === null) shop.kill("SIGTERM")
  await Promise.allSettled(closers.map((close) => close()))
  process.exit(code)
}
shop.on("exit", (code, signal) => void stop(code ?? (signal ? 0 : 1)))
process.on("SIGINT", () => void stop(0))
process.on("SIGTERM", () => void stop(0))
