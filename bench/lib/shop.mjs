/**
 * The demo shop for figures 3 and 4: its production build and `next start` on a free port,
 * pointed at a simulator. The baseline Credentials provider (figure 3) must be in the app; while
 * apps/demo-shop lacks it, the shop is copied to bench/.shop with bench/shop-overlay added (the
 * exact files proposed for apps/demo-shop) and auth.ts given the one-line change.
 * @module
 */
import { execFileSync } from "node:child_process"
import {
  cpSync,
  mkdirSync,
  existsSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { freePort } from "@login-with-link/test-helpers"
import { run, startChild, waitForHttp } from "./procs.mjs"

const here = dirname(fileURLToPath(import.meta.url))
export const BENCH_DIR = join(here, "..")
export const ROOT = join(BENCH_DIR, "..")
export const SHOP_DIR = join(ROOT, "apps", "demo-shop")
const COPY_DIR = join(BENCH_DIR, ".shop")
const OVERLAY_DIR = join(BENCH_DIR, "shop-overlay")

export const SHOP_KEY = "pk_test_bench"
export const SHOP_SECRET = "bench-shop-secret-0123456789abcdefghijklmnop"

// `providers: [` in the NextAuth config, or `const providers: Provider[] = [` before it.
const PROVIDERS = /providers(?::\s*Provider\[\])?\s*[:=]\s*\[/g
const LINK_PROVIDER = /LoginWithLink\(\{/g
const NO_TOTALS = JSON.stringify(
  Object.fromEntries(
    [
      "lookupTotal",
      "lookupTotalNoIp",
      "sendTotal",
      "sendTotalNoIp",
      "decoyTotal",
      "attemptTotal",
      "attemptTotalNoIp",
    ].map((rule) => [rule, { points: 1_000_000_000, windowMs: 60_000 }])
  )
)
const BASELINE_IMPORT =
  'import { baselineProviders } from "./app/lib/bench-baseline"\n'

/** Whether apps/demo-shop already has the baseline provider and page. */
export function shopHasBaseline() {
  return (
    existsSync(join(SHOP_DIR, "app", "bench-login", "page.tsx")) &&
    readFileSync(join(SHOP_DIR, "auth.ts"), "utf8").includes(
      "baselineProviders"
    )
  )
}

/**
 * The directory to build: apps/demo-shop itself, or a fresh copy with the overlay, taken from the
 * working tree or (`fromHead`) from the last commit, when others are editing the shop.
 * @param {{ fromHead?: boolean }} [options]
 * @returns {{ dir: string, overlay: boolean }}
 */
export function prepareShop(options = {}) {
  if (shopHasBaseline() && !options.fromHead)
    return { dir: SHOP_DIR, overlay: false }
  rmSync(COPY_DIR, { recursive: true, force: true })
  if (options.fromHead) {
    mkdirSync(COPY_DIR, { recursive: true })
    execFileSync(
      "sh",
      [
        "-c",
        `git archive --format=tar HEAD:apps/demo-shop | tar -x -C "${COPY_DIR}"`,
      ],
      { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] }
    )
  } else {
    const skip = new Set(["node_modules", ".next", "next-env.d.ts"])
    cpSync(SHOP_DIR, COPY_DIR, {
      recursive: true,
      filter: (src) => {
        const rel = relative(SHOP_DIR, src)
        const top = rel.split(/[\\/]/)[0] ?? ""
        return (
          !skip.has(top) && !rel.endsWith(".tsbuildinfo") && !/^\.env/.test(top)
        )
      },
    })
  }
  symlinkSync(
    join(SHOP_DIR, "node_modules"),
    join(COPY_DIR, "node_modules"),
    "dir"
  )
  if (existsSync(join(COPY_DIR, "app", "bench-login", "page.tsx")))
    return { dir: COPY_DIR, overlay: false }
  cpSync(OVERLAY_DIR, COPY_DIR, { recursive: true })
  const authFile = join(COPY_DIR, "auth.ts")
  const auth = readFileSync(authFile, "utf8")
  const found = auth.match(PROVIDERS)?.length ?? 0
  if (found !== 1) {
    throw new Error(
      `apps/demo-shop/auth.ts has ${found} "providers: [" (expected 1): update bench/lib/shop.mjs, or add the baseline provider to the shop (see bench/README.md)`
    )
  }
  // The deployment-wide budgets (lookupTotal, sendTotal and the other totals: a cap on what one
  // shop asks of Link per minute) would stop figure 3 after a few seconds; the baseline has none. The per-email and
  // per-IP limits stay as the shop has them.
  const linkCalls = auth.match(LINK_PROVIDER)?.length ?? 0
  if (linkCalls !== 1) {
    throw new Error(
      `apps/demo-shop/auth.ts has ${linkCalls} "LoginWithLink({" (expected 1): update bench/lib/shop.mjs`
    )
  }
  writeFileSync(
    authFile,
    BASELINE_IMPORT +
      auth
        .replace(PROVIDERS, (found) => `${found}...baselineProviders(), `)
        .replace(LINK_PROVIDER, `LoginWithLink({ rateLimits: ${NO_TOTALS}, `)
  )
  return { dir: COPY_DIR, overlay: true }
}

/** @param {string} dir */
function nextBin(dir) {
  return join(dir, "node_modules", "next", "dist", "bin", "next")
}

/**
 * `next build` in `dir`. The provider reads its options when auth.ts loads, and Next loads it while
 * collecting page data, so the build needs a key and secret (placeholders: nothing is called).
 * @param {string} dir
 */
export async function buildShop(dir) {
  await run(process.execPath, [nextBin(dir), "build"], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_LINK_KEY: SHOP_KEY,
      AUTH_SECRET: SHOP_SECRET,
      AUTH_LINK_API_URL: "http://127.0.0.1:9/api",
    },
  })
}

/**
 * `next start` on a free port, talking to the Link API at `apiUrl`, with the baseline on.
 * @param {string} dir
 * @param {string} apiUrl
 */
export async function startShop(dir, apiUrl) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = startChild(
    process.execPath,
    [nextBin(dir), "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: dir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_LINK_KEY: SHOP_KEY,
        AUTH_SECRET: SHOP_SECRET,
        AUTH_LINK_API_URL: apiUrl,
        AUTH_TRUST_HOST: "true",
        AUTH_URL: url,
        BENCH_BASELINE_PROVIDER: "1",
      },
    }
  )
  await waitForHttp(`${url}/`, child)
  return { url, child }
}
