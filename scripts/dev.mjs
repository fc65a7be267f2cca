#!/usr/bin/env node
// `pnpm dev`: the Link simulator and the demo shop (next dev) together, wired through the
// environment. Anything you set yourself (shell or apps/demo-shop/.env*.local) wins: with
// AUTH_LINK_API_URL set, no simulator is started and the shop talks to that API instead.
// `pnpm dev:oauth` (`--oauth`, or `--both` for the code steps under "Continue with Link"): the shop
// signs in through the simulator's login.link.com (AUTH_LINK_MODE=oauth, the dev OAuth client).
import { spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const shopDir = join(root, "apps", "demo-shop")

/** KEY=value lines of the .env files `next dev` reads, so values set there count as set. */
function readEnvFiles() {
  const values = {}
  for (const name of [
    ".env",
    ".env.development",
    ".env.local",
    ".env.development.local",
  ]) {
    const file = join(shopDir, name)
    if (!existsSync(file)) continue
    for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
      const match =
        /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
      if (!match) continue
      const value = match[2].trim().replace(/^(['"])(.*)\1$/, "$2")
      if (value !== "") values[match[1]] = value
    }
  }
  return values
}

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, host, () => server.close(() => resolve(true)))
  })
}

/** `preferred` if it is free, else the next free one up to 20 above it. */
async function choosePort(preferred, host) {
  for (let port = preferred; port < preferred + 20; port++) {
    if (await portIsFree(port, host)) return port
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 19}.`)
}

const fileEnv = readEnvFiles()
const isSet = (name) => Boolean(process.env[name]?.trim() || fileEnv[name])
const env = { ...process.env }
const notes = []
const oauthMode = process.argv.includes("--both")
  ? "both"
  : process.argv.includes("--oauth")
    ? "oauth"
    : undefined
if (oauthMode) env.AUTH_LINK_MODE = oauthMode

let simulator
if (isSet("AUTH_LINK_API_URL")) {
  notes.push(
    `Using the Link API at ${process.env.AUTH_LINK_API_URL || fileEnv.AUTH_LINK_API_URL} (AUTH_LINK_API_URL is set): no simulator started.`
  )
} else {
  const { startSimulator } = await import("../packages/simulator/dist/index.js")
  const port = await choosePort(
    Number(process.env.LINK_SIM_PORT) || 4010,
    "127.0.0.1"
  )
  simulator = await startSimulator({ port, hostname: "127.0.0.1" })
  env.AUTH_LINK_API_URL = simulator.apiUrl
  env.LINK_DEV_OUTBOX_URL = `${simulator.url}/__dev`
  if (!isSet("AUTH_LINK_KEY"))
    env.AUTH_LINK_KEY = oauthMode ? "pk_test_sim" : "pk_test_demo"
  if (oauthMode) {
    // The simulator's dev OAuth client accepts http://localhost:<any port>/api/auth/callback/link-oauth.
    const oauthEnv = {
      AUTH_LINK_OAUTH_URL: simulator.oauthUrl,
      AUTH_LINK_OAUTH_API_URL: simulator.oauthUrl,
      AUTH_LINK_OAUTH_ID: "shop_dev",
      AUTH_LINK_OAUTH_SECRET: "shop_dev_secret",
    }
    for (const [name, value] of Object.entries(oauthEnv)) {
      if (!isSet(name)) env[name] = value
    }
  }
}

if (!isSet("AUTH_SECRET")) {
  env.AUTH_SECRET = randomBytes(32).toString("base64url")
  notes.push(
    "AUTH_SECRET is not set: generated a random one for this run, so sessions end when you restart.",
    "  To keep them, put AUTH_SECRET=<random> in apps/demo-shop/.env.local (e.g. `npx auth secret`)."
  )
}

const shopPort = await choosePort(Number(process.env.PORT) || 3000, "0.0.0.0")
const shopUrl = `http://localhost:${shopPort}`

const line = "─".repeat(64)
console.log(`\n${line}`)
console.log(`  Demo shop       ${shopUrl}`)
if (simulator) {
  console.log(`  Link simulator  ${simulator.url}`)
  console.log(
    `  SMS outbox      ${simulator.url}/__dev   (the codes "texted" to people)`
  )
  console.log(`  Demo account    jo@example.com`)
  if (oauthMode)
    console.log(
      `  Sign-in         Link's OAuth page, at ${simulator.oauthUrl}/auth (AUTH_LINK_MODE=${oauthMode})`
    )
}
for (const note of notes) console.log(`  ${note}`)
console.log(`  Ctrl-C stops everything.`)
console.log(`${line}\n`)

const nextBin = join(shopDir, "node_modules", "next", "dist", "bin", "next")
const shop = spawn(
  process.execPath,
  [nextBin, "dev", "--port", String(shopPort)],
  {
    cwd: shopDir,
    env,
    stdio: "inherit",
  }
)

let stopping = false
async function stop(code) {
  if (stopping) return
  stopping = true
  if (shop.exitCode === null && shop.signalCode === null) shop.kill("SIGTERM")
  await simulator?.close()
  process.exit(code)
}

shop.on("exit", (code, signal) => void stop(code ?? (signal ? 0 : 1)))
process.on("SIGINT", () => void stop(0))
process.on("SIGTERM", () => void stop(0))
