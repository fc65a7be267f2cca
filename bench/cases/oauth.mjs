/**
 * Figures 9 and 10: sign-in through Link's own OAuth page (`LinkOAuth`), through Auth.js's `Auth()`
 * in-process, against the in-process simulator's login.link.com and api.link.com.
 *
 * - 9: upstream calls per OAuth sign-in, as the simulator counts them (`calls` of
 *   GET /__control/stats): exactly 2 (token and userinfo), the protocol's minimum.
 * - 10: OAuth sign-ins per second with `LinkOAuth`, against a generic Auth.js OAuth provider
 *   written by hand for the same endpoints (a plain `type: "oauth"` config whose `customFetch`
 *   only adds the Bearer key Link requires), in the same Auth.js app on the same simulator.
 *   Interleaved rounds; the goal is >= 0.9x.
 *
 * Each sign-in is the whole round trip a browser makes: GET /auth/csrf, POST /auth/signin/<id>,
 * Link's page (the simulator's control shortcut, checked exactly like GET /oauth/auth), then
 * GET /auth/callback/<id> (token + userinfo) and the session cookie.
 * @module
 */
import { URLSearchParams } from "node:url"
import { performance } from "node:perf_hooks"
import { Auth, customFetch } from "@auth/core"
import { LinkOAuth } from "@login-with-link/provider"
import { createSimulator } from "@login-with-link/simulator"
import { benchPeople } from "../lib/link.mjs"
import { figure, interleave, median, round } from "../lib/stats.mjs"

const SIM = "http://127.0.0.1:4010"
const SHOP = "http://localhost:3000"
const KEY = "pk_test_sim"
const CLIENT_ID = "shop_dev"
const CLIENT_SECRET = "shop_dev_secret"
const SECRET = "bench-oauth-secret-0123456789-abcdefghijkl"

/**
 * An in-process simulator whose budgets never bite, with the generic provider's callback added to
 * the dev client's redirect URIs, and a `fetch` bound to it.
 * @param {number} people
 */
function oauthSimulator(people) {
  const sim = createSimulator({
    quiet: true,
    devPages: false,
    control: true,
    people: benchPeople(people),
    maxSendsPerHour: 1e9,
    maxAttempts: 1e6,
    resendCooldownMs: 0,
    requestsPerMinutePerKey: 1e9,
    requestsPerMinutePerIp: 1e9,
    oauthDevRedirectUris: [`${SHOP}/api/auth/callback/generic`],
    env: {},
  })
  /** @type {typeof fetch} */
  const simFetch = (input, init) => sim.fetch(new Request(input, init))
  return { sim, fetch: simFetch }
}

/** @param {typeof fetch} simFetch */
function app(simFetch) {
  const linkOAuth = LinkOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    publishableKey: KEY,
    url: `${SIM}/oauth`,
    apiUrl: `${SIM}/oauth`,
    fetch: simFetch,
  })
  /** The baseline: what a developer writes with Auth.js alone for the same endpoints. */
  const generic =
    /** @type {import("@auth/core/providers").OAuthConfig<any>} */ ({
      id: "generic",
      name: "Generic OAuth",
      type: "oauth",
      checks: ["pkce", "state"],
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authorization: {
        url: `${SIM}/oauth/auth`,
        params: { scope: "userinfo:read", key: KEY },
      },
      token: `${SIM}/oauth/auth/token`,
      userinfo: `${SIM}/oauth/userinfo`,
      client: { token_endpoint_auth_method: "client_secret_post" },
      profile: (/** @type {any} */ p) => ({
        id: p.id,
        email: p.email,
        name: p.name ?? null,
      }),
      [customFetch]: (/** @type {any} */ input, /** @type {any} */ init) => {
        const url = String(input)
        const headers = new Headers(init?.headers)
        if (url.endsWith("/auth/token"))
          headers.set("authorization", `Bearer ${KEY}`)
        return simFetch(input, { ...init, headers })
      },
    })
  generic.options = /** @type {any} */ ({ [customFetch]: generic[customFetch] })
  /** @type {import("@auth/core").AuthConfig} */
  const config = {
    providers: [linkOAuth, generic],
    secret: SECRET,
    trustHost: true,
    basePath: "/api/auth",
    logger: { error() {}, warn() {}, debug() {} },
  }
  return config
}

/**
 * One whole OAuth sign-in through `Auth()`, as a browser makes it.
 * @param {import("@auth/core").AuthConfig} config
 * @param {import("@login-with-link/simulator").Simulator} sim
 * @param {string} providerId
 * @param {string} email
 */
async function signIn(config, sim, providerId, email) {
  const jar = new Map()
  /** @param {Response} response */
  const keep = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = /** @type {string} */ (line.split(";")[0])
      const eq = pair.indexOf("=")
      jar.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    return response
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ")
  const csrf = keep(await Auth(new Request(`${SHOP}/api/auth/csrf`), config))
  const { csrfToken } = /** @type {{ csrfToken: string }} */ (await csrf.json())
  const started = keep(
    await Auth(
      new Request(`${SHOP}/api/auth/signin/${providerId}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: cookie(),
        },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/account" }),
      }),
      config
    )
  )
  const authorizationUrl = started.headers.get("location")
  const approved = await sim.fetch(
    new Request(`${SIM}/__control/oauth/authorize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ authorizationUrl, email }),
    })
  )
  const { location } = /** @type {{ location: string }} */ (
    await approved.json()
  )
  const back = new URL(location)
  const done = keep(
    await Auth(
      new Request(`${SHOP}${back.pathname}${back.search}`, {
        headers: { cookie: cookie() },
      }),
      config
    )
  )
  if (
    done.headers.get("location") !== `${SHOP}/account` ||
    !jar.get("authjs.session-token")
  ) {
    throw new Error(
      `${providerId}: the sign-in did not finish (${done.status} ${done.headers.get("location")})`
    )
  }
}

/** @param {import("@login-with-link/simulator").Simulator} sim */
async function upstreamCalls(sim) {
  const res = await sim.fetch(new Request(`${SIM}/__control/stats`))
  const { calls } = /** @type {{ calls: Record<string, number> }} */ (
    await res.json()
  )
  return calls
}

const SIGN_INS_9 = 20

/** Figure 9: upstream calls per LinkOAuth sign-in. */
export async function oauthCalls() {
  const { sim, fetch: simFetch } = oauthSimulator(SIGN_INS_9)
  const config = app(simFetch)
  const before = await upstreamCalls(sim)
  for (let i = 0; i < SIGN_INS_9; i++) {
    await signIn(config, sim, "link-oauth", `bench-${i}@example.com`)
  }
  const after = await upstreamCalls(sim)
  /** @type {Record<string, number>} */
  const byRoute = {}
  let total = 0
  for (const [route, n] of Object.entries(after)) {
    const delta = n - (before[route] ?? 0)
    if (delta !== 0) byRoute[route] = delta / SIGN_INS_9
    total += delta
  }
  const perSignIn = total / SIGN_INS_9
  const result = figure({
    id: "oauth-calls",
    title:
      "9. Upstream calls per OAuth sign-in (LinkOAuth), counted by the simulator",
    value: perSignIn,
    baseline: 2,
    unit: "calls/sign-in",
    baselineLabel: "token + userinfo, the protocol's minimum",
    goal: { op: "==", target: 1 },
    details: { signIns: SIGN_INS_9, byRoute },
  })
  result.met = perSignIn === 2 && byRoute.token === 1 && byRoute.userinfo === 1
  result.details = {
    ...result.details,
    summary: `${perSignIn} per sign-in (${Object.entries(byRoute)
      .map(([r, n]) => `${r} ${n}`)
      .join(", ")}) over ${SIGN_INS_9} sign-ins`,
  }
  return result
}

/**
 * Figure 10: LinkOAuth sign-ins/s vs a generic Auth.js OAuth provider, same app, same simulator.
 * @param {{ quick?: boolean }} [options]
 */
export async function oauthThroughput(options = {}) {
  const perRound = options.quick ? 40 : 150
  const rounds = options.quick ? 4 : 8
  const { sim, fetch: simFetch } = oauthSimulator(200)
  const config = app(simFetch)
  let n = 0
  /**
   * One round: sign-ins per second of wall time, and per second of this process's CPU time (the
   * machine is shared: CPU time is what the other processes on it disturb least).
   * @param {string} id
   */
  const round_ = (id) => async () => {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    for (let i = 0; i < perRound; i++) {
      await signIn(config, sim, id, `bench-${n++ % 200}@example.com`)
    }
    const cpu = process.cpuUsage(c0)
    return {
      wall: perRound / ((performance.now() - t0) / 1000),
      cpu: perRound / ((cpu.user + cpu.system) / 1e6),
    }
  }
  // Warm both paths (JIT, key derivation caches of Auth.js) before measuring.
  await round_("link-oauth")()
  await round_("generic")()
  const { a, b } = await interleave(
    rounds,
    round_("link-oauth"),
    round_("generic")
  )
  // Paired rounds: the ratio is the median of the per-round ratios (each pair ran back to back).
  const wallRatios = a.map((x, i) =>
    round(x.wall / /** @type {{ wall: number }} */ (b[i]).wall, 3)
  )
  const cpuRatios = a.map((x, i) =>
    round(x.cpu / /** @type {{ cpu: number }} */ (b[i]).cpu, 3)
  )
  const ours = median(a.map((x) => x.wall))
  const generic = median(b.map((x) => x.wall))
  const result = figure({
    id: "oauth-throughput",
    title:
      "10. OAuth sign-ins per second: LinkOAuth vs a generic Auth.js OAuth provider (same app, same simulator)",
    value: round(ours, 1),
    baseline: round(generic, 1),
    unit: "sign-ins/s",
    baselineLabel: "generic Auth.js oauth provider, same endpoints",
    goal: { op: ">=", target: 0.9 },
    details: {
      rounds,
      perRound,
      wallRatios,
      cpuRatios,
      cpuPerSecond: {
        ours: round(median(a.map((x) => x.cpu)), 1),
        generic: round(median(b.map((x) => x.cpu)), 1),
      },
    },
  })
  const ratio = median(wallRatios)
  const cpuRatio = median(cpuRatios)
  result.ratio = round(ratio, 3)
  result.met = ratio >= 0.9
  result.details = {
    ...result.details,
    cpuRatio: round(cpuRatio, 3),
    summary: `median of ${rounds} paired rounds of ${perRound} sign-ins: wall-time ratio ${round(ratio, 3)} (rounds ${wallRatios.join(", ")}); CPU-time ratio ${round(cpuRatio, 3)} (${round(median(a.map((x) => x.cpu)), 1)} vs ${round(median(b.map((x) => x.cpu)), 1)} sign-ins per CPU-second)`,
  }
  return result
}
