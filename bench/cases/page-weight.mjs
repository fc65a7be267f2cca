/**
 * Figures 4 and 8. Figure 4: the JavaScript a browser downloads for /login versus / in the shop's production build
 * (every external script of the server-rendered HTML, fetched with Accept-Encoding as a browser
 * sends it, counting the bytes on the wire), and versus Auth.js's built-in sign-in page. Figure 8:
 * the sign-in form's client entry for each driver (bundled as an app would, and as the demo shop
 * serves it), against the 8 KB budget.
 * @module
 */
import { Buffer } from "node:buffer"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
  inflateSync,
} from "node:zlib"
import { Auth } from "@auth/core"
import { LoginWithLink } from "@login-with-link/provider"
import { request } from "undici"
import { inlineScriptLength, scriptSources } from "../lib/html.mjs"
import { figure } from "../lib/stats.mjs"

const ACCEPT = "gzip, deflate, br, zstd"
/** Where the app entries of figure 8 resolve their imports from (the bench's dependencies). */
const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), "..")

/**
 * The body of `url` as sent (still compressed) and decoded.
 * @param {string} url
 */
async function download(url) {
  const res = await request(url, { headers: { "accept-encoding": ACCEPT } })
  const wire = Buffer.from(await res.body.arrayBuffer())
  const encoding = String(res.headers["content-encoding"] ?? "identity")
  const raw =
    encoding === "gzip"
      ? gunzipSync(wire)
      : encoding === "br"
        ? brotliDecompressSync(wire)
        : encoding === "deflate"
          ? inflateSync(wire)
          : wire
  return { status: res.statusCode, headers: res.headers, wire, raw, encoding }
}

const brotli = (/** @type {Buffer} */ b) =>
  brotliCompressSync(b, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length

/**
 * The scripts of a page (figures 4, 8 and 12): each one's bytes on the wire, decoded, brotli-11.
 * @param {string} shopUrl
 * @param {string} path
 */
export async function pageWeight(shopUrl, path) {
  const page = await download(new URL(path, shopUrl).href)
  if (page.status !== 200) throw new Error(`GET ${path}: HTTP ${page.status}`)
  const html = page.raw.toString("utf8")
  /** @type {{ src: string, wire: number, encoding: string, raw: number, brotli: number, signInForm: boolean }[]} */
  const scripts = []
  for (const src of scriptSources(html, shopUrl)) {
    const s = await download(src)
    if (s.status !== 200) throw new Error(`GET ${src}: HTTP ${s.status}`)
    scripts.push({
      src: new URL(src).pathname,
      wire: s.wire.length,
      encoding: s.encoding,
      raw: s.raw.length,
      brotli: brotli(s.raw),
      // The chunk with @login-with-link/next's form in it (its class names survive minifying).
      signInForm: s.raw.includes("lwl-alert-slot"),
    })
  }
  const sum = (/** @type {"wire" | "raw" | "brotli"} */ k) =>
    scripts.reduce((n, s) => n + s[k], 0)
  return {
    path,
    jsWire: sum("wire"),
    jsRaw: sum("raw"),
    jsBrotli: sum("brotli"),
    scripts,
    htmlWire: page.wire.length,
    htmlEncoding: page.encoding,
    htmlRaw: page.raw.length,
    inlineScriptChars: inlineScriptLength(html),
  }
}

/** Auth.js's built-in sign-in page for the Link provider, rendered by @auth/core itself. */
async function builtInPage() {
  const res = await Auth(new Request("http://127.0.0.1/auth/signin"), {
    basePath: "/auth",
    trustHost: true,
    secret: "bench-secret-0123456789abcdefghijklmnop",
    providers: [
      LoginWithLink({
        publishableKey: "pk_test_bench",
        apiUrl: "http://127.0.0.1:4010/api",
        secret: "bench-secret-0123456789abcdefghijklmnop",
      }),
    ],
  })
  const html = Buffer.from(await res.arrayBuffer())
  const text = html.toString("utf8")
  return {
    path: "@auth/core /auth/signin",
    status: res.status,
    externalScripts: scriptSources(text, "http://127.0.0.1/"),
    jsWire: 0,
    htmlRaw: html.length,
    htmlGzip: gzipSync(html).length,
    htmlBrotli: brotli(html),
    inlineScriptChars: inlineScriptLength(text),
  }
}

/**
 * @param {{ shopUrl: string }} options
 */
export async function pageWeight4(options) {
  const home = await pageWeight(options.shopUrl, "/")
  const login = await pageWeight(options.shopUrl, "/login")
  const builtIn = await builtInPage()
  if (builtIn.externalScripts.length > 0)
    throw new Error("the built-in page loads scripts: count them")
  // The shop configures pages.signIn, so its /api/auth/signin only redirects to /login.
  const shopSignin = await request(
    new URL("/api/auth/signin", options.shopUrl),
    {
      headers: { "accept-encoding": ACCEPT },
    }
  )
  await shopSignin.body.dump()
  const homeSet = new Set(home.scripts.map((s) => s.src))
  const loginOnly = login.scripts.filter((s) => !homeSet.has(s.src))
  return figure({
    id: "page-weight",
    title:
      "4. Login page weight: compressed JS loaded by /login vs / (production build)",
    value: login.jsWire,
    baseline: home.jsWire,
    unit: `JS bytes (${login.scripts[0]?.encoding ?? "?"} as served)`,
    baselineLabel: "/ (home page)",
    goal: { op: "<=", target: 1.1 },
    details: {
      login: {
        ...login,
        scripts: undefined,
        scriptCount: login.scripts.length,
      },
      home: { ...home, scripts: undefined, scriptCount: home.scripts.length },
      loginOnlyScripts: loginOnly,
      brotliRatio: Math.round((login.jsBrotli / home.jsBrotli) * 1e4) / 1e4,
      builtInSignInPage: {
        ...builtIn,
        note: "Auth.js's page is server-rendered HTML with inline CSS and no JavaScript; the shop's /api/auth/signin redirects to /login because pages.signIn is set",
      },
      shopApiAuthSignin: {
        status: shopSignin.statusCode,
        location: shopSignin.headers.location,
      },
      totalWireBytes: {
        login: login.jsWire + login.htmlWire,
        home: home.jsWire + home.htmlWire,
        builtIn: builtIn.htmlGzip,
      },
    },
  })
}

/** The budget of issues 12 and 19: what the sign-in form may add to the page that uses it. */
export const CLIENT_ENTRY_BUDGET = 8 * 1024

/**
 * What each driver puts in the browser, as an app's code imports it. With next-auth the action is
 * a server action (`linkSignIn` of `@login-with-link/next`), so the browser gets the form alone;
 * with Better Auth's client driver the browser also gets `linkClientAction` (which posts each step
 * to the plugin's form route, where the steps run) and the client plugin `loginWithLinkClient` (for
 * `createAuthClient`; better-auth's own client is the app's anyway, so it stays outside, as React
 * does).
 */
export const CLIENT_ENTRIES = [
  {
    driver: "next-auth",
    label:
      "LinkSignInForm (@login-with-link/react; the next-auth driver is a server action)",
    code: 'import { LinkSignInForm } from "@login-with-link/react"\nexport { LinkSignInForm }\n',
  },
  {
    driver: "better-auth-client",
    label:
      "LinkSignInForm + linkClientAction + loginWithLinkClient (@login-with-link/better-auth/client)",
    code: [
      'import { LinkSignInForm } from "@login-with-link/react"',
      'import { linkClientAction, loginWithLinkClient } from "@login-with-link/better-auth/client"',
      "export { LinkSignInForm, linkClientAction, loginWithLinkClient }",
      "",
    ].join("\n"),
  },
  {
    driver: "better-auth-client (driver alone)",
    label:
      "linkClientAction + loginWithLinkClient without the form (reported, no goal)",
    code: [
      'import { linkClientAction, loginWithLinkClient } from "@login-with-link/better-auth/client"',
      "export { linkClientAction, loginWithLinkClient }",
      "",
    ].join("\n"),
    reportOnly: true,
  },
]

/** Kept outside every bundle: what the app has whether or not it signs in with Link. */
const APP_OWN = /^(react|react-dom|better-auth)($|\/)/

/**
 * Bundles one app entry as an app's production build would (rolldown, the bundler of Vite 8;
 * ES module, minified with its oxc minifier, `process.env.NODE_ENV` = "production", tree-shaken)
 * and weighs the result: raw, gzip (zlib's default level, as servers compress on the fly) and
 * brotli-11.
 * @param {string} code
 */
async function bundleEntry(code) {
  const { build } = await import("rolldown")
  const out = await build({
    input: "app-entry",
    cwd: BENCH_DIR,
    plugins: [
      {
        name: "app-entry",
        resolveId: (id) => (id === "app-entry" ? "\0app-entry" : undefined),
        load: (id) => (id === "\0app-entry" ? code : undefined),
      },
    ],
    external: APP_OWN,
    write: false,
    transform: { define: { "process.env.NODE_ENV": '"production"' } },
    output: { format: "esm", minify: true },
    // "use client" has no meaning in one bundle; the rest is reported.
    onLog(level, log, report) {
      if (log.code !== "MODULE_LEVEL_DIRECTIVE") report(level, log)
    },
  })
  const chunks = out.output.filter((c) => c.type === "chunk")
  const js = Buffer.from(chunks.map((c) => c.code).join("\n"))
  const modules = chunks.flatMap((c) =>
    Object.entries(c.modules)
      .filter(([, m]) => m.renderedLength > 0)
      .map(([id, m]) => ({
        module: id.replace(/^.*\/(packages|node_modules)\//, ""),
        minifiedBytes: m.renderedLength,
      }))
  )
  return {
    raw: js.length,
    gzip: gzipSync(js).length,
    brotli: brotli(js),
    imports: [...new Set(chunks.flatMap((c) => c.imports))],
    modules,
  }
}

/**
 * The JavaScript that `/login` loads and `/` does not in the demo shop's production build (the
 * login page's own chunk and `LinkSignInForm` from `@login-with-link/next`; the layout's
 * `LinkSignInSync` is on every page), compressed as served.
 * @param {string} shopUrl
 */
async function servedFormWeight(shopUrl) {
  const home = await pageWeight(shopUrl, "/")
  const login = await pageWeight(shopUrl, "/login")
  const homeSet = new Set(home.scripts.map((s) => s.src))
  const added = login.scripts.filter((s) => !homeSet.has(s.src))
  if (!added.some((s) => s.signInForm))
    throw new Error(
      "no script of /login holds LinkSignInForm (class lwl-alert-slot): is the shop on @login-with-link/next?"
    )
  const sum = (/** @type {"wire" | "raw" | "brotli"} */ k) =>
    added.reduce((n, s) => n + s[k], 0)
  return {
    wire: sum("wire"),
    encoding: added[0]?.encoding ?? "?",
    addedScripts: added,
    addedRawBytes: sum("raw"),
    addedBrotliBytes: sum("brotli"),
    formChunkWireBytes: added
      .filter((s) => s.signInForm)
      .reduce((n, s) => n + s.wire, 0),
    loginJsWire: login.jsWire,
    homeJsWire: home.jsWire,
  }
}

/**
 * Figure 8: the sign-in form's client entry for both drivers, against the 8 KB gzip budget. Each
 * driver's app entry is bundled and weighed (always); with `shopUrl` (the demo shop's production
 * build is running, figures 3 and 4) also what its `/login` adds to `/` as served. The figure's
 * value is the heaviest of them, so the goal holds only if every one is within the budget.
 * @param {{ shopUrl?: string }} [options]
 */
export async function clientEntryWeight(options = {}) {
  /** @type {{ driver: string, label: string, gzip: number, raw: number, brotli: number, reportOnly?: boolean, imports?: string[], modules?: { module: string, minifiedBytes: number }[] }[]} */
  const entries = []
  for (const entry of CLIENT_ENTRIES) {
    const bundled = await bundleEntry(entry.code)
    entries.push({
      driver: entry.driver,
      label: entry.label,
      ...bundled,
      ...(entry.reportOnly ? { reportOnly: true } : {}),
    })
  }
  const served = options.shopUrl
    ? await servedFormWeight(options.shopUrl)
    : undefined
  const weighed = entries.filter((e) => !e.reportOnly).map((e) => e.gzip)
  if (served) weighed.push(served.wire)
  return figure({
    id: "client-entry-weight",
    title:
      "8. Sign-in form weight: the form's client entry for each driver, gzip (heaviest shown)",
    value: Math.max(...weighed),
    baseline: CLIENT_ENTRY_BUDGET,
    unit: "JS bytes gzip",
    baselineLabel: "the 8 KB budget",
    goal: { op: "<=", target: 1 },
    details: {
      bundler:
        "rolldown 1.2 (Vite 8's bundler), ESM, minify (oxc), NODE_ENV=production; react, react-dom and better-auth external; gzip at zlib's default level",
      entries: entries.map((e) => ({
        ...e,
        budgetRatio: Math.round((e.gzip / CLIENT_ENTRY_BUDGET) * 1e4) / 1e4,
      })),
      ...(served
        ? { servedByDemoShop: served }
        : { servedByDemoShop: "not measured (runs with figures 3 or 4)" }),
    },
  })
}
