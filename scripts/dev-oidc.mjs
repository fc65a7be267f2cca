#!/usr/bin/env node
// `pnpm dev:oidc`: Login with Link as OpenID Connect, all four parts wired together:
//   the Link simulator (:4010), the hosted Login with Link page (:3100, the OIDC issuer),
//   the Corner Store (:3200, Hono + openid-client; apps/hono-shop/scripts/dev-stack.mjs starts
//   these three) and the demo shop in OIDC mode (:3000, `next dev` with AUTH_LINK_MODE=oidc).
// Ports: LINK_SIM_PORT, HOSTED_LOGIN_PORT, HONO_SHOP_PORT, PORT (the demo shop; the next free one
// is taken if it is busy, and registered with the hosted page). AUTH_SECRET set in your shell or
// apps/demo-shop/.env*.local is used, else a random one per run.
import { spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const shopDir = join(root, "apps", "demo-shop")

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, () => server.close(() => resolve(true)))
  })
}

async function choosePort(preferred) {
  for (let port = preferred; port < preferred + 20; port++) {
    if (await portIsFree(port)) return port
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 19}.`)
}

/** Whether a variable is set in the shell or in a .env file `next dev` reads. */
function isSet(name) {
  if (process.env[name]?.trim()) return true
  return [".env", ".env.development", ".env.local", ".env.development.local"]
    .map((file) => join(shopDir, file))
    .filter((file) => existsSync(file))
    .some((file) =>
      new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=\\s*\\S`, "m").test(
        readFileSync(file, "utf8")
      )
    )
}

/** Polls `url` until it answers 2xx (the stack is up) or the stack process ends. */
async function waitFor(url, child) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The OIDC stack stopped before ${url} answered.`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

const linkPort = Number(process.env.LINK_SIM_PORT) || 4010
const hostedPort = Number(process.env.HOSTED_LOGIN_PORT) || 3100
const honoPort = Number(process.env.HONO_SHOP_PORT) || 3200
const demoPort = await choosePort(Number(process.env.PORT) || 3000)
// localhost (not 127.0.0.1): the redirect URI registered with the hosted page must match what
// Auth.js builds, and Next.js reports 127.0.0.1 as localhost.
const linkUrl = `http://127.0.0.1:${linkPort}`
const hostedUrl = `http://localhost:${hostedPort}`
const honoUrl = `http://localhost:${honoPort}`
const demoUrl = `http://localhost:${demoPort}`

const children = []
let stopping = false
async function stop(code) {
  if (stopping) return
  stopping = true
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null)
      child.kill("SIGTERM")
  }
  process.exit(code)
}
process.on("SIGINT", () => void stop(0))
process.on("SIGTERM", () => void stop(0))

const stack = spawn(
  process.execPath,
  [join(root, "apps", "hono-shop", "scripts", "dev-stack.mjs")],
  {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      // Development clients (public secrets) and generated keys: allowed for this local stack only.
      HOSTED_LOGIN_DEV: "1",
      LINK_SIM_PORT: String(linkPort),
      HOSTED_LOGIN_PORT: String(hostedPort),
      HONO_SHOP_PORT: String(honoPort),
      DEMO_SHOP_URL: demoUrl,
    },
  }
)
children.push(stack)
stack.on("exit", (code) => void stop(code ?? 1))
await waitFor(`${hostedUrl}/.well-known/openid-configuration`, stack)
await waitFor(`${honoUrl}/healthz`, stack)

const env = {
  ...process.env,
  AUTH_LINK_MODE: "oidc",
  AUTH_LINK_ISSUER: hostedUrl,
  // The development client registered by dev-stack.mjs (as in apps/hosted-login/clients.dev.json).
  AUTH_LINK_OIDC_ID: "demo-shop",
  AUTH_LINK_OIDC_SECRET: "dev-only-demo-shop-secret-change-me",
  AUTH_URL: demoUrl,
  LINK_DEV_OUTBOX_URL: `${linkUrl}/__dev`,
  LINK_HOSTED_LOGIN_URL: hostedUrl,
  LINK_SECOND_SHOP_URL: honoUrl,
}
if (!isSet("AUTH_SECRET"))
  env.AUTH_SECRET = randomBytes(32).toString("base64url")

const line = "─".repeat(72)
console.log(`
${line}
  Demo shop (OIDC mode)  ${demoUrl}   <- sign in as jo@example.com
  Corner Store (Hono)    ${honoUrl}
  Hosted login (issuer)  ${hostedUrl}   (discovery: ${hostedUrl}/.well-known/openid-configuration)
  Link simulator         ${linkUrl}   (SMS outbox with the codes: ${linkUrl}/__dev)
  Ctrl-C stops everything.
${line}
`)

const nextBin = join(shopDir, "node_modules", "next", "dist", "bin", "next")
const shop = spawn(
  process.execPath,
  [nextBin, "dev", "--port", String(demoPort)],
  { cwd: shopDir, env, stdio: "inherit" }
)
children.push(shop)
shop.on("exit", (code, signal) => void stop(code ?? (signal ? 0 : 1)))
