#!/usr/bin/env node
/**
 * `pnpm test:dev`: every `pnpm dev*` command of the README, each as a new user meets it. For each
 * one: a clean copy of the repository (the files git tracks, plus new ones not ignored: no
 * `node_modules`, `dist/`, `.next` or `.data/`), `pnpm install` (which must print no warning about
 * our own packages), the command with its default storage, one sign-in in Chromium as
 * `jo@example.com` with the simulator's test-mode code `000000`, the session checked on the app's
 * own session endpoint, then Ctrl-C, and every port it used free again.
 *
 *   node scripts/test-dev.mjs [--only=dev,dev:oauth,dev:oidc] [--keep]
 *
 * --only  some of the commands (default: all of them)
 * --keep  leave the copies in the temp dir (their paths are printed)
 *
 * Ports are free ones chosen here (passed as PORT, LINK_SIM_PORT, ...), so it runs beside other
 * servers. Each command gets 8 minutes to build and answer (a first `next dev` compile is slow).
 * @module
 */
import { execFileSync, spawn } from "node:child_process"
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
} from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { chromium } from "@playwright/test"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..")
const EMAIL = "jo@example.com"
const TEST_CODE = "000000"
const START_TIMEOUT_MS = 8 * 60_000
const SIGN_IN_TIMEOUT_MS = 3 * 60_000

const args = process.argv.slice(2)
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",")
const keep = args.includes("--keep")

/** A free port on 127.0.0.1 (the OS picks; closed again before use). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (
        server.address()
      )
      server.close(() => resolve(port))
    })
  })
}

/** Whether something listens on `port` (any address). */
function listening(/** @type {number} */ port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(true))
    server.listen(port, () => server.close(() => resolve(false)))
  })
}

/**
 * The commands, each with the ports it listens on, where a person starts signing in and where
 * the app says who is signed in.
 * @typedef {object} DevCommand
 * @property {string} script
 * @property {Record<string, number>} ports env variable → port
 * @property {(p: Record<string, number>) => string} start
 * @property {(p: Record<string, number>) => string} session
 * @property {(body: any) => string | undefined} email
 */
/** @type {DevCommand[]} */
const COMMANDS = [
  {
    script: "dev",
    ports: { PORT: 0, LINK_SIM_PORT: 0 },
    start: (p) => `http://localhost:${p.PORT}/login`,
    session: (p) => `http://localhost:${p.PORT}/api/auth/session`,
    email: (body) => body?.user?.email,
  },
  {
    // The demo shop on Link's own page (the simulator's login.link.com): its email and code steps.
    script: "dev:oauth",
    ports: { PORT: 0, LINK_SIM_PORT: 0 },
    start: (p) => `http://localhost:${p.PORT}/login`,
    session: (p) => `http://localhost:${p.PORT}/api/auth/session`,
    email: (body) => body?.user?.email,
  },
  {
    script: "dev:oidc",
    ports: {
      PORT: 0,
      LINK_SIM_PORT: 0,
      HOSTED_LOGIN_PORT: 0,
      HONO_SHOP_PORT: 0,
    },
    start: (p) => `http://localhost:${p.PORT}/login`,
    session: (p) => `http://localhost:${p.PORT}/api/auth/session`,
    email: (body) => body?.user?.email,
  },
  {
    script: "dev:better-auth",
    ports: { PORT: 0, LINK_SIM_PORT: 0 },
    start: (p) => `http://localhost:${p.PORT}/login`,
    session: (p) => `http://localhost:${p.PORT}/api/auth/get-session`,
    email: (body) => body?.user?.email,
  },
]

/** Variables of ours that would change what a dev command does: none is passed on. */
const OURS =
  /^(AUTH_|BETTER_AUTH_|LINK_|HOSTED_LOGIN_|HONO_SHOP_|SHOP_|DEMO_SHOP_|E2E_|PGLITE_|DATABASE_URL$|REDIS_URL$|PORT$|STACK_)/

/** A copy of the repository as `git clone` would give it, with uncommitted edits. */
function cleanCopy() {
  const dir = mkdtempSync(join(tmpdir(), "lwl-test-dev-"))
  const files = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }
  )
    .split("\0")
    .filter(Boolean)
  for (const file of files) {
    const from = join(ROOT, file)
    if (!existsSync(from)) continue // deleted in the working tree
    const to = join(dir, file)
    mkdirSync(dirname(to), { recursive: true })
    copyFileSync(from, to)
    chmodSync(to, statSync(from).mode)
  }
  return dir
}

/** Runs `pnpm install` in the copy; returns the warnings about our own packages it printed. */
function install(/** @type {string} */ dir) {
  const output = execFileSync(
    "pnpm",
    ["install", "--frozen-lockfile", "--prefer-offline"],
    {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, CI: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    }
  )
  return output
    .split("\n")
    .filter(
      (line) =>
        /\bWARN\b/.test(line) &&
        (line.includes(dir) || line.includes("@login-with-link"))
    )
}

/**
 * Drives whatever sign-in page is shown until the app's session names `EMAIL`: an email field
 * gets the email, a code field the test code, a "... with Link" button is pressed (the OIDC
 * shop's button, then the hosted page). Each step waits for the page to change.
 * @param {import("@playwright/test").Page} page
 * @param {() => Promise<boolean>} signedIn
 */
async function signIn(page, signedIn) {
  const deadline = Date.now() + SIGN_IN_TIMEOUT_MS
  /** The submit button of the form `field` is in (not a resend, not an OAuth button). */
  const submitOf = (/** @type {import("@playwright/test").Locator} */ field) =>
    field
      .locator("xpath=ancestor::form[1]")
      .locator(
        'button:not([type="button"]):not([type="reset"]):not([value="resend"]):not([value="oauth"])'
      )
      .filter({ hasNotText: /resend|another|change|back/i })
      .first()
  /** What the page asks for now. */
  const state = async () => {
    if (await signedIn()) return "signed-in"
    const code = page.getByLabel(/code/i).first()
    if ((await code.isVisible()) && (await code.isEditable())) return "code"
    const email = page.getByLabel(/email/i).first()
    if ((await email.isVisible()) && (await email.isEditable())) return "email"
    const withLink = page
      .getByRole("button", { name: /(continue|sign in) with link/i })
      .first()
    if (await withLink.isVisible()) return "with-link"
    return "waiting"
  }
  let last = ""
  let lastUrl = ""
  for (;;) {
    if (Date.now() > deadline)
      throw new Error(
        `sign-in did not finish; last state "${last}" at ${page.url()}`
      )
    const now = await state()
    if (now === "signed-in") return
    // Act once per new state (or when the page moved on to another URL with the same state).
    if (now !== last || page.url() !== lastUrl) {
      last = now
      lastUrl = page.url()
      if (now === "email") {
        const field = page.getByLabel(/email/i).first()
        await field.fill(EMAIL)
        await submitOf(field).click()
      } else if (now === "code") {
        const field = page.getByLabel(/code/i).first()
        const submit = submitOf(field)
        const url = page.url()
        await field.fill(TEST_CODE)
        // A form that submits itself on the sixth digit disables its button while it checks:
        // press it only when nothing happened.
        const started = Date.now()
        let moved = false
        while (!moved && Date.now() - started < 5_000) {
          moved =
            page.url() !== url ||
            !(await field.isVisible().catch(() => false)) ||
            !(await submit.isEnabled().catch(() => false))
          if (!moved) await new Promise((resolve) => setTimeout(resolve, 200))
        }
        if (!moved) await submit.click()
      } else if (now === "with-link") {
        await page
          .getByRole("button", { name: /(continue|sign in) with link/i })
          .first()
          .click()
      } else {
        last = ""
      }
    }
    await page.waitForLoadState("domcontentloaded")
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Polls `url` until it answers (any status below 500) or the process ends. */
async function waitForHttp(
  /** @type {string} */ url,
  /** @type {import("node:child_process").ChildProcess} */ child
) {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `exited (${child.exitCode ?? child.signalCode}) before ${url} answered`
      )
    try {
      const res = await fetch(url, { redirect: "manual" })
      if (res.status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(
    `${url} did not answer within ${START_TIMEOUT_MS / 60_000} min`
  )
}

/** Whether any process of the group `pgid` is still running. */
function groupAlive(/** @type {number} */ pgid) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Ctrl-C to the command's process group, then waits until every process in it has exited (the
 * servers it started too, not only pnpm); SIGKILL after 20 s.
 */
async function stop(
  /** @type {import("node:child_process").ChildProcess} */ child
) {
  const pgid = /** @type {number} */ (child.pid)
  if (!groupAlive(pgid)) return
  process.kill(-pgid, "SIGINT")
  const deadline = Date.now() + 20_000
  while (groupAlive(pgid) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200))
  if (!groupAlive(pgid)) return
  process.kill(-pgid, "SIGKILL")
  // Bounded: an exited process nobody reaped (a zombie) still counts as one of the group.
  const killed = Date.now() + 5_000
  while (groupAlive(pgid) && Date.now() < killed)
    await new Promise((resolve) => setTimeout(resolve, 100))
}

/** Runs one dev command from its own clean copy; returns its timings. */
async function runOne(
  /** @type {DevCommand} */ command,
  /** @type {import("@playwright/test").Browser} */ browser
) {
  const t0 = performance.now()
  const dir = cleanCopy()
  const logs = []
  let child
  try {
    const warnings = install(dir)
    if (warnings.length > 0)
      throw new Error(
        `pnpm install warned about our packages:\n${warnings.join("\n")}`
      )
    const tInstalled = performance.now()
    /** @type {Record<string, number>} */
    const ports = {}
    for (const name of Object.keys(command.ports))
      ports[name] = await freePort()
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !OURS.test(name))
    )
    for (const [name, port] of Object.entries(ports)) env[name] = String(port)
    child = spawn("pnpm", ["run", command.script], {
      cwd: dir,
      env: { ...env, FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so that Ctrl-C reaches every server it starts
    })
    const keepLog = (/** @type {Buffer} */ chunk) => {
      logs.push(chunk.toString("utf8"))
      if (logs.length > 400) logs.shift()
    }
    child.stdout?.on("data", keepLog)
    child.stderr?.on("data", keepLog)
    await waitForHttp(command.start(ports), child)
    const tUp = performance.now()
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      page.setDefaultTimeout(120_000)
      await page.goto(command.start(ports))
      await signIn(page, async () => {
        const res = await context.request.get(command.session(ports))
        if (!res.ok()) return false
        const body = await res.json().catch(() => null)
        return command.email(body) === EMAIL
      })
    } finally {
      await context.close()
    }
    const tSignedIn = performance.now()
    await stop(child)
    const stillOpen = []
    for (const [name, port] of Object.entries(ports))
      if (await listening(port)) stillOpen.push(`${name}=${port}`)
    if (stillOpen.length > 0)
      throw new Error(`still listening after Ctrl-C: ${stillOpen.join(", ")}`)
    return {
      installS: (tInstalled - t0) / 1000,
      startS: (tUp - tInstalled) / 1000,
      signInS: (tSignedIn - tUp) / 1000,
      totalS: (performance.now() - t0) / 1000,
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(
      `${message}\n--- last output of pnpm ${command.script} ---\n${logs.join("").slice(-6000)}`,
      { cause: error }
    )
  } finally {
    if (child) await stop(child)
    if (keep) console.log(`   (copy kept in ${dir})`)
    else
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
      } catch (error) {
        // Never hide the run's own result behind a cleanup problem.
        console.log(`   (could not remove ${dir}: ${String(error)})`)
      }
  }
}

const chromiumPath = "/usr/bin/chromium"
const browser = await chromium.launch({
  ...(existsSync(chromiumPath) && { executablePath: chromiumPath }),
  args: ["--no-sandbox", "--disable-gpu"],
})
let failed = 0
try {
  for (const command of COMMANDS.filter(
    (c) => !only || only.includes(c.script)
  )) {
    console.log(
      `pnpm ${command.script}: clean copy, install, start, sign in, stop ...`
    )
    try {
      const t = await runOne(command, browser)
      console.log(
        `   ok: install ${t.installS.toFixed(0)} s, build + start ${t.startS.toFixed(0)} s, sign-in ${t.signInS.toFixed(0)} s (${t.totalS.toFixed(0)} s in all)`
      )
    } catch (error) {
      failed++
      console.log(
        `   FAILED: ${error instanceof Error ? error.message : String(error)}`
      )
    }
  }
} finally {
  await browser.close()
}
if (failed > 0) process.exitCode = 1
