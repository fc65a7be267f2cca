#!/usr/bin/env node
// The browser tests' servers: the better-auth shop three times, each with its own simulator,
// through scripts/dev-better-auth.mjs: mode link, mode oauth, then (once those answer) mode oidc
// with the hosted page. Ports come from E2E_BA_PORTS
// (linkSim,linkShop,oidcSim,hosted,oidcShop,oauthSim,oauthShop); Playwright's webServer waits for
// the oidc shop, which starts last. Ctrl-C / SIGTERM stops them all.
import { spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const [linkSim, linkShop, oidcSim, hosted, oidcShop, oauthSim, oauthShop] = (
  process.env.E2E_BA_PORTS ?? ""
).split(",")
if (!oauthShop) {
  console.error(
    "E2E_BA_PORTS must list 7 ports (e2e-better-auth/playwright.config.ts sets it)."
  )
  process.exit(1)
}

/** Same as in development, but fresh and quick: in-memory database, no resend wait. */
const common = {
  ...process.env,
  PGLITE_DIR: "memory://",
  STACK_EPHEMERAL: "1",
  LINK_SIM_QUIET: "1",
  LINK_SIM_MAX_SENDS_PER_HOUR: "1000",
  LINK_SIM_RESEND_COOLDOWN_MS: "0",
  AUTH_LINK_RESEND_COOLDOWN: "0",
  HOSTED_LOGIN_RESEND_COOLDOWN: "0",
  HOSTED_LOGIN_RATE_LIMIT: "off",
  BETTER_AUTH_SECRET: "e2e-better-auth-only-secret-not-for-production-0123",
  // Each test's browser sends its own address in this header (as a proxy would), so Better
  // Auth's per-address limits stay on without one test's sign-ins counting against another's.
  SHOP_CLIENT_IP_HEADER: "x-e2e-client-ip",
}
delete common.AUTH_LINK_API_URL

const children = []
let stopping = false
function stop(code) {
  if (stopping) return
  stopping = true
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null)
      child.kill("SIGTERM")
  setTimeout(() => process.exit(code), 500).unref()
}
process.on("SIGINT", () => stop(0))
process.on("SIGTERM", () => stop(0))

function start(env) {
  const child = spawn(
    process.execPath,
    [join(root, "scripts", "dev-better-auth.mjs")],
    {
      cwd: root,
      env: { ...common, ...env },
      stdio: ["ignore", "inherit", "inherit"],
    }
  )
  children.push(child)
  child.on("exit", (code) => stop(code ?? 1))
}

async function waitFor(url) {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

start({
  SHOP_AUTH_MODE: "link",
  PORT: linkShop,
  LINK_SIM_PORT: linkSim,
  BETTER_AUTH_URL: `http://localhost:${linkShop}`,
})
await waitFor(`http://127.0.0.1:${linkShop}/healthz`)
start({
  SHOP_AUTH_MODE: "oauth",
  PORT: oauthShop,
  LINK_SIM_PORT: oauthSim,
  BETTER_AUTH_URL: `http://localhost:${oauthShop}`,
})
await waitFor(`http://127.0.0.1:${oauthShop}/healthz`)
start({
  SHOP_AUTH_MODE: "oidc",
  PORT: oidcShop,
  LINK_SIM_PORT: oidcSim,
  HOSTED_LOGIN_PORT: hosted,
  BETTER_AUTH_URL: `http://localhost:${oidcShop}`,
})
