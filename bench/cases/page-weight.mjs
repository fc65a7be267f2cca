/**
 * Figure 4: the JavaScript a browser downloads for /login versus / in the shop's production build
 * (every external script of the server-rendered HTML, fetched with Accept-Encoding as a browser
 * sends it, counting the bytes on the wire), and versus Auth.js's built-in sign-in page.
 * @module
 */
import { Buffer } from "node:buffer"
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
 * @param {string} shopUrl
 * @param {string} path
 */
async function pageWeight(shopUrl, path) {
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

/** The budget of issue 12: what the sign-in form may add to the page that uses it. */
export const CLIENT_ENTRY_BUDGET = 8 * 1024

/**
 * Figure 8: the JavaScript that `/login` loads and `/` does not (the login page's own chunk and
 * `@login-with-link/next`'s client entry, `LinkSignInForm`), compressed as served, against the
 * 8 KB budget.
 * @param {{ shopUrl: string }} options
 */
export async function clientEntryWeight(options) {
  const home = await pageWeight(options.shopUrl, "/")
  const login = await pageWeight(options.shopUrl, "/login")
  const homeSet = new Set(home.scripts.map((s) => s.src))
  const added = login.scripts.filter((s) => !homeSet.has(s.src))
  if (!added.some((s) => s.signInForm))
    throw new Error(
      "no script of /login holds LinkSignInForm (class lwl-alert-slot): is the shop on @login-with-link/next?"
    )
  const sum = (/** @type {"wire" | "raw" | "brotli"} */ k) =>
    added.reduce((n, s) => n + s[k], 0)
  return figure({
    id: "client-entry-weight",
    title:
      "8. Sign-in form weight: compressed JS that /login adds to / (LinkSignInForm and the page)",
    value: sum("wire"),
    baseline: CLIENT_ENTRY_BUDGET,
    unit: `JS bytes (${added[0]?.encoding ?? "?"} as served)`,
    baselineLabel: "the 8 KB budget",
    goal: { op: "<=", target: 1 },
    details: {
      addedScripts: added,
      addedRawBytes: sum("raw"),
      addedBrotliBytes: sum("brotli"),
      formChunkWireBytes: added
        .filter((s) => s.signInForm)
        .reduce((n, s) => n + s.wire, 0),
      loginJsWire: login.jsWire,
      homeJsWire: home.jsWire,
    },
  })
}
