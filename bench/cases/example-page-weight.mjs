/**
 * Figure 12 (issue 19): the Next.js + Better Auth example's login page weighs at most 1.10 times
 * its home page, counted as figure 4 counts the demo shop (every external script of the
 * server-rendered page, fetched with a browser's Accept-Encoding, bytes on the wire). It measures
 * the example's existing production build (`examples/better-auth-next-app/.next`, made by
 * `pnpm test:example` from the packed tarballs, or `BENCH_EXAMPLE_DIR`): `next start` on a free
 * loopback port with an in-memory database, and stopped after. Rendering `/login` answers from the
 * sign-in cookie alone (none here), so no Link call is made.
 * @module
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { freePort } from "@login-with-link/test-helpers"
import { startChild, waitForHttp } from "../lib/procs.mjs"
import { ROOT } from "../lib/shop.mjs"
import { figure } from "../lib/stats.mjs"
import { pageWeight } from "./page-weight.mjs"

export async function examplePageWeight() {
  const dir =
    process.env.BENCH_EXAMPLE_DIR ||
    join(ROOT, "examples", "better-auth-next-app")
  const next = join(dir, "node_modules", "next", "dist", "bin", "next")
  if (!existsSync(join(dir, ".next", "BUILD_ID")) || !existsSync(next))
    throw new Error(
      `${dir} has no production build (or no node_modules): run \`pnpm test:example\` first, or point BENCH_EXAMPLE_DIR at a built copy`
    )
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const app = startChild(
    process.execPath,
    [next, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: dir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PGLITE_DIR: "memory://",
        BETTER_AUTH_SECRET: "bench-example-secret-0123456789abcdefghijklmnop",
        BETTER_AUTH_URL: url,
        AUTH_LINK_KEY: "pk_test_bench",
        // Never called: rendering the pages asks Link nothing.
        AUTH_LINK_API_URL: "http://127.0.0.1:9/api",
      },
    }
  )
  try {
    return await measureStarted(app, url, dir)
  } catch (error) {
    throw new Error(`${String(error)}\n${app.output()}`, { cause: error })
  } finally {
    await app.stop()
  }
}

/**
 * @param {import("../lib/procs.mjs").Child} app
 * @param {string} url
 * @param {string} dir
 */
async function measureStarted(app, url, dir) {
  await waitForHttp(`${url}/login`, app, 60_000)
  const home = await pageWeight(url, "/")
  const login = await pageWeight(url, "/login")
  const homeSet = new Set(home.scripts.map((s) => s.src))
  const loginOnly = login.scripts.filter((s) => !homeSet.has(s.src))
  // A build of the example from before it had the form would pass for a light one.
  if (!loginOnly.some((s) => s.signInForm))
    throw new Error(
      `no script that /login adds holds LinkSignInForm (class lwl-alert-slot): is ${dir} built with Login with Link?`
    )
  return figure({
    id: "example-page-weight",
    title:
      "12. Next + Better Auth login page weight: compressed JS of /login vs / (examples/better-auth-next-app, production build)",
    value: login.jsWire,
    baseline: home.jsWire,
    unit: `JS bytes (${login.scripts[0]?.encoding ?? "?"} as served)`,
    baselineLabel: "/ (the example's home page)",
    goal: { op: "<=", target: 1.1 },
    details: {
      summary: `/login ${login.scripts.length} scripts, / ${home.scripts.length}; only on /login: ${loginOnly.length} scripts, ${loginOnly.reduce((n, s) => n + s.wire, 0)} bytes on the wire (${loginOnly.filter((s) => s.signInForm).length} holding the form); brotli-11 ratio ${Math.round((login.jsBrotli / home.jsBrotli) * 1e4) / 1e4}`,
      appDir: dir,
      loginOnlyScripts: loginOnly,
      login: {
        jsWire: login.jsWire,
        jsRaw: login.jsRaw,
        scripts: login.scripts.length,
      },
      home: {
        jsWire: home.jsWire,
        jsRaw: home.jsRaw,
        scripts: home.scripts.length,
      },
    },
  })
}
