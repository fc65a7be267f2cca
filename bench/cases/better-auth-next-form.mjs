#!/usr/bin/env node
/**
 * Issue 19's figure: examples/better-auth-next-app (Next.js + Better Auth on PGlite, installed
 * from packed tarballs by `pnpm test:example`) under N concurrent virtual users, each signing in
 * through `<LinkSignInForm />` (the email step, then the code step: two calls of the page's server
 * action `linkSignIn(auth, state, formData)`), versus the same app's own email-and-password form
 * (one call of its server action over `auth.api.signInEmail`), in the same app and run. Both as a
 * browser with JavaScript calls a server action: a POST with the `Next-Action` header and the
 * arguments encoded by React's own `encodeReply`, answered with an RSC payload and, on success, an
 * `x-action-redirect` and Better Auth's session cookie. Goal: at least 0.45 times the baseline.
 *
 * The app is the copy `pnpm test:example` left in $TMPDIR/login-with-link-examples, rebuilt in
 * $TMPDIR/login-with-link-bench-better-auth-next (node_modules hard-linked) with one change to lib/auth.ts:
 * `loginWithLink({ rateLimit: false })`. The plugin's per-email and deployment-wide budgets would
 * otherwise refuse a benchmark's thousands of sign-ins from one machine (a run of the README's
 * block measures the limiter, not the sign-in); the baseline has no such limits either (server
 * actions call `auth.api` directly, past Better Auth's own limiter). The simulator's budgets are
 * off as in figure 3.
 *
 *   node bench/cases/better-auth-next-form.mjs [--quick] [--users=8] [--no-build]
 *
 * Figure 13 of bench/run.mjs (only with `--only=13`); also runs alone, as above.
 * @module
 */
import { Buffer } from "node:buffer"
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { CookieJar, formWith } from "../lib/html.mjs"
import { CODE } from "../lib/link.mjs"
import { closedLoop, httpClient } from "../lib/load.mjs"
import { readyLine, run, startChild, waitForHttp } from "../lib/procs.mjs"
import { fmt, median, quantile, round, figure } from "../lib/stats.mjs"

const here = fileURLToPath(new URL(".", import.meta.url))
const SOURCE = join(
  tmpdir(),
  "login-with-link-examples",
  "better-auth-next-app",
  "app"
)
const APP = join(tmpdir(), "login-with-link-bench-better-auth-next")
const SECRET = "bench-better-auth-secret-0123456789abcdefghijklmnop"
const PASSWORD = "bench password 0123"
const SESSION_COOKIE = "better-auth.session_token"

/** The example's lib/auth.ts with the plugin's limits off (see the module comment). */
const AUTH_TS = `import { betterAuth } from "better-auth"
import { nextCookies } from "better-auth/next-js"
import { loginWithLink } from "@login-with-link/better-auth"
import { database } from "@/lib/database"

export const auth = betterAuth({
  database,
  emailAndPassword: { enabled: true },
  plugins: [loginWithLink({ rateLimit: false }), nextCookies()],
})
`

/** A copy of the tested example, its node_modules linked, with the bench's lib/auth.ts. */
function prepareApp() {
  if (!existsSync(join(SOURCE, "node_modules")))
    throw new Error(
      `${SOURCE} is missing: run \`pnpm build && pnpm test:example\` first (it installs the example from packed tarballs)`
    )
  rmSync(APP, { recursive: true, force: true })
  cpSync(SOURCE, APP, {
    recursive: true,
    filter: (path) => !/\/(node_modules|\.next)$/.test(path),
  })
  // Hard links: a copy in no time, and real files (Turbopack refuses a symlinked node_modules).
  execFileSync("cp", [
    "-al",
    join(SOURCE, "node_modules"),
    join(APP, "node_modules"),
  ])
  writeFileSync(join(APP, "lib", "auth.ts"), AUTH_TS)
}

/** The router state a browser sends for a page of one segment, e.g. /login. */
const routerState = (/** @type {string} */ segment) =>
  encodeURIComponent(
    JSON.stringify([
      "",
      { children: [segment, { children: ["__PAGE__", {}] }] },
      null,
      null,
      true,
    ])
  )

/**
 * @param {{ quick?: boolean, users?: number, build?: boolean }} [options]
 */
export async function betterAuthNextForm(options = {}) {
  const users = options.users ?? 8
  const quick = Boolean(options.quick)
  const roundMs = quick ? 2000 : 3000
  const rounds = quick ? 2 : 3
  const people = 20_000
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_SECRET: SECRET,
    AUTH_LINK_KEY: "pk_test_bench",
  }
  if (options.build !== false) {
    prepareApp()
    await run(
      process.execPath,
      [join(APP, "node_modules", "next", "dist", "bin", "next"), "build"],
      { cwd: APP, env }
    )
  }
  const sim = startChild(process.execPath, [
    join(here, "..", "lib", "server-child.mjs"),
    "simulator",
    JSON.stringify({ people }),
  ])
  const { apiUrl } = /** @type {{ url: string, apiUrl: string }} */ (
    await readyLine(sim)
  )
  const port = 4900 + Math.floor(Math.random() * 900)
  const appUrl = `http://localhost:${port}`
  const pglite = join(APP, ".data", `pglite-${Date.now()}`)
  const server = startChild(
    process.execPath,
    [
      join(APP, "node_modules", "next", "dist", "bin", "next"),
      "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: APP,
      env: {
        ...env,
        BETTER_AUTH_URL: appUrl,
        AUTH_LINK_API_URL: apiUrl,
        PGLITE_DIR: pglite,
        NODE_ENV: "production",
      },
    }
  )
  try {
    await waitForHttp(`${appUrl}/`, server, 120_000)
    const http = httpClient(`http://127.0.0.1:${port}`, users)
    const load = createRequire(join(APP, "package.json"))
    /** @type {(value: unknown) => Promise<FormData | string>} */
    const encodeReply = load(
      "next/dist/compiled/react-server-dom-turbopack/cjs/react-server-dom-turbopack-client.node.production.js"
    ).encodeReply

    const html = async (/** @type {string} */ path) => {
      const res = await http.request(path, {
        headers: { host: `localhost:${port}` },
      })
      if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`)
      return res.text
    }
    const loginPage = await html("/login")
    /** The server action of a page's form with a field `name`, and its first argument. */
    const actionOf = (
      /** @type {string} */ page,
      /** @type {string} */ name
    ) => {
      const form = formWith(page, name)
      const value = (/** @type {string} */ key) =>
        form.fields.find(([k]) => k.endsWith(key))?.[1]
      const id = /** @type {{ id?: string }} */ (
        JSON.parse(value(":0") ?? "{}")
      ).id
      const state = JSON.parse(value(":1") ?? "[]")[0]
      if (!id) throw new Error(`the ${name} form has no server action fields`)
      return { id, state }
    }
    const link = actionOf(loginPage, "email")
    const password = actionOf(loginPage, "password")
    const signUp = actionOf(await html("/sign-up"), "name")

    /**
     * @param {string} action
     * @param {unknown[]} args
     * @param {CookieJar} jar
     * @param {string} [path]
     */
    async function callAction(action, args, jar, path = "/login") {
      const encoded = new Response(await encodeReply(args))
      const res = await http.request(path, {
        method: "POST",
        headers: {
          host: `localhost:${port}`,
          origin: appUrl,
          accept: "text/x-component",
          "next-action": action,
          "next-router-state-tree": routerState(path.slice(1)),
          "content-type": encoded.headers.get("content-type") ?? undefined,
          cookie: jar.header(),
        },
        body: Buffer.from(await encoded.arrayBuffer()),
      })
      jar.store(res.headers["set-cookie"])
      return res
    }
    const form = (/** @type {Record<string, string>} */ values) => {
      const data = new globalThis.FormData()
      for (const [k, v] of Object.entries(values)) data.set(k, v)
      return data
    }
    const signedIn = (
      /** @type {{ status: number, headers: Record<string, unknown> }} */ res,
      /** @type {CookieJar} */ jar,
      /** @type {string} */ step
    ) => {
      if (
        !String(res.headers["x-action-redirect"] ?? "").startsWith(
          "/account"
        ) ||
        !jar.has(SESSION_COOKIE)
      )
        throw new Error(`${step}: HTTP ${res.status}, no redirect and session`)
    }

    let nextPerson = 0
    let nextAccount = 0
    /** @type {number[]} */
    let emailStepMs = []
    /** @type {number[]} */
    let codeStepMs = []
    const flows = {
      async link() {
        if (nextPerson >= people) throw new Error("seed more people")
        const jar = new CookieJar()
        const callbackUrl = "/account"
        const a = performance.now()
        const email = `bench-${nextPerson++}@example.com`
        const first = await callAction(
          link.id,
          [link.state, form({ intent: "start", callbackUrl, email })],
          jar
        )
        if (first.status !== 200 || !jar.header()?.includes("link_signin"))
          throw new Error(
            `email step: HTTP ${first.status}, no challenge cookie`
          )
        const b = performance.now()
        const second = await callAction(
          link.id,
          [
            { ...link.state, step: "code", email, seq: 1 },
            form({ intent: "verify", callbackUrl, code: CODE }),
          ],
          jar
        )
        signedIn(second, jar, "code step")
        emailStepMs.push(b - a)
        codeStepMs.push(performance.now() - b)
      },
      async baseline() {
        const jar = new CookieJar()
        const email = `account-${nextAccount++ % accounts}@example.com`
        const res = await callAction(
          password.id,
          [
            password.state,
            form({ email, password: PASSWORD, callbackUrl: "/account" }),
          ],
          jar
        )
        signedIn(res, jar, "password sign-in")
      },
    }

    // The baseline's people: password accounts, created once through the app's sign-up form.
    const accounts = users * 4
    for (let i = 0; i < accounts; i++) {
      const jar = new CookieJar()
      const res = await callAction(
        signUp.id,
        [
          signUp.state,
          form({
            name: `Account ${i}`,
            email: `account-${i}@example.com`,
            password: PASSWORD,
          }),
        ],
        jar,
        "/sign-up"
      )
      signedIn(res, jar, `sign-up ${i}`)
    }

    const measure = async (
      /** @type {() => Promise<void>} */ iteration,
      /** @type {number} */ durationMs
    ) => {
      const result = await closedLoop({ users, durationMs, iteration })
      if (result.failed > 0)
        throw new Error(
          `${result.failed} sign-ins failed (of ${result.failed + result.completed}); first: ${result.firstError}`
        )
      return result
    }
    await measure(flows.link, roundMs / 2)
    await measure(flows.baseline, roundMs / 2)
    emailStepMs = []
    codeStepMs = []
    /** @type {import("../lib/load.mjs").LoadResult[]} */
    const linkRounds = []
    /** @type {import("../lib/load.mjs").LoadResult[]} */
    const baselineRounds = []
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        linkRounds.push(await measure(flows.link, roundMs))
        baselineRounds.push(await measure(flows.baseline, roundMs))
      } else {
        baselineRounds.push(await measure(flows.baseline, roundMs))
        linkRounds.push(await measure(flows.link, roundMs))
      }
    }
    await http.close()
    const ratios = linkRounds.map(
      (r, i) =>
        r.perSecond /
        /** @type {import("../lib/load.mjs").LoadResult} */ (baselineRounds[i])
          .perSecond
    )
    const pct = (/** @type {number[]} */ xs) => ({
      p50: round(quantile(xs, 0.5), 3),
      p99: round(quantile(xs, 0.99), 3),
    })
    const result = figure({
      id: "better-auth-next-form",
      title: `13. Next.js + Better Auth: Link sign-ins/s through <LinkSignInForm /> (email + code step) vs the app's email-and-password sign-in, ${users} users, with JavaScript`,
      value: round(median(linkRounds.map((r) => r.perSecond))),
      baseline: round(median(baselineRounds.map((r) => r.perSecond))),
      unit: "sign-ins/s",
      baselineLabel: "Better Auth email and password (auth.api.signInEmail)",
      goal: { op: ">=", target: 0.45 },
      details: {
        users,
        rounds,
        roundMs,
        roundRatios: ratios.map((x) => round(x, 4)),
        latencyMs: {
          link: pct(linkRounds.flatMap((r) => r.latenciesMs)),
          linkEmailStep: pct(emailStepMs),
          linkCodeStep: pct(codeStepMs),
          baseline: pct(baselineRounds.flatMap((r) => r.latenciesMs)),
        },
      },
    })
    result.ratio = round(median(ratios), 4)
    result.met = result.ratio >= 0.45
    return result
  } finally {
    await server.stop()
    await sim.stop()
    rmSync(pglite, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const result = await betterAuthNextForm({
    quick: args.includes("--quick"),
    build: !args.includes("--no-build"),
    users: Number(
      args.find((a) => a.startsWith("--users="))?.split("=")[1] ?? 8
    ),
  })
  console.log(`\n${result.title}`)
  console.log(
    `   ${fmt(result.value)} vs ${fmt(result.baseline)} ${result.unit}: ratio ${fmt(result.ratio)} (median of round ratios), goal >= 0.45: ${result.met ? "met" : "MISSED"}`
  )
  console.log(`   ${JSON.stringify(result.details)}`)
}
