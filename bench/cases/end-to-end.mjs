/**
 * Figure 3: the shop's production build under N concurrent virtual users, each signing in the way
 * a browser without JavaScript does: POST the /login form (the server action's hidden fields, as
 * rendered) with the email, then the code form from the answer with the code. The baseline is a
 * Credentials provider that returns a user at once, posted the same way from /bench-login.
 * Also counts the Link calls per sign-in the simulator saw (figure 5).
 * @module
 */
import { performance } from "node:perf_hooks"
import { CookieJar, formWith, multipart } from "../lib/html.mjs"
import { closedLoop, httpClient } from "../lib/load.mjs"
import { CODE } from "../lib/link.mjs"
import { figure, median, quantile, round } from "../lib/stats.mjs"

/**
 * @param {{ shopUrl: string, simUrl: string, quick?: boolean, users?: number, people: number }} options
 */
export async function endToEnd(options) {
  const { shopUrl, simUrl } = options
  const users = options.users ?? 8
  const roundMs = options.quick ? 2500 : 5000
  const rounds = options.quick ? 2 : 3
  const warmupMs = options.quick ? 2000 : 4000
  const http = httpClient(shopUrl, users)
  const origin = { origin: shopUrl }
  let nextPerson = 0
  const linkEmail = () => {
    if (nextPerson >= options.people)
      throw new Error(
        `more than ${options.people} Link sign-ins: seed more people`
      )
    return `bench-${nextPerson++}@example.com`
  }
  let nextBaseline = 0

  /** @param {string} path */
  async function page(path) {
    const res = await http.request(path)
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`)
    return res.text
  }
  // The forms as the pages render them (one GET each; the action ids are stable per build).
  const emailForm = formWith(await page("/login"), "email")
  const baselineForm = formWith(await page("/bench-login"), "email")

  /**
   * @param {[string, string][]} fields
   * @param {Record<string, string>} values
   */
  const fill = (fields, values) =>
    fields.map(
      ([k, v]) => /** @type {[string, string]} */ ([k, values[k] ?? v])
    )

  /**
   * POST a form to `path` as a browser without JavaScript would.
   * @param {string} path
   * @param {[string, string][]} fields
   * @param {CookieJar} jar
   */
  async function post(path, fields, jar) {
    const { body, contentType } = multipart(fields)
    const res = await http.request(path, {
      method: "POST",
      headers: { ...origin, "content-type": contentType, cookie: jar.header() },
      body,
    })
    jar.store(res.headers["set-cookie"])
    return res
  }

  /** @type {number[]} */
  let emailStepMs = []
  /** @type {number[]} */
  let codeStepMs = []

  /** One Link sign-in: the email step, then the code step; ends signed in. */
  async function linkSignIn() {
    const jar = new CookieJar()
    const a = performance.now()
    const first = await post(
      "/login",
      fill(emailForm.fields, { email: linkEmail() }),
      jar
    )
    if (first.status !== 200 || !jar.has("link_signin"))
      throw new Error(`email step: HTTP ${first.status}, no challenge cookie`)
    const codeForm = formWith(first.text, "code")
    const b = performance.now()
    const second = await post(
      "/login",
      fill(codeForm.fields, { code: CODE }),
      jar
    )
    if (second.status !== 303 || !jar.has("authjs.session-token"))
      throw new Error(`code step: HTTP ${second.status}, no session cookie`)
    const c = performance.now()
    emailStepMs.push(b - a)
    codeStepMs.push(c - b)
  }

  /** One baseline sign-in: a single POST; ends signed in. */
  async function baselineSignIn() {
    const jar = new CookieJar()
    const email = `baseline-${nextBaseline++}@example.com`
    const res = await post(
      "/bench-login",
      fill(baselineForm.fields, { email }),
      jar
    )
    if (res.status !== 303 || !jar.has("authjs.session-token"))
      throw new Error(`baseline: HTTP ${res.status}, no session cookie`)
  }

  const stats = async () => {
    const res = await fetch(`${simUrl}/__control/stats`)
    return /** @type {{ total: number, calls: Record<string, number> }} */ (
      await res.json()
    )
  }

  /**
   * @param {() => Promise<void>} iteration
   * @param {number} durationMs
   */
  const load = async (iteration, durationMs) => {
    const result = await closedLoop({ users, durationMs, iteration })
    if (result.failed > 0)
      throw new Error(
        `${result.failed} sign-ins failed (of ${result.failed + result.completed}); first: ${result.firstError}`
      )
    return result
  }

  await load(linkSignIn, warmupMs / 2)
  await load(baselineSignIn, warmupMs / 2)

  // Where the time goes, one request at a time (no queueing): rendering /login alone, each Link
  // step, and the baseline's one request.
  const one = async (/** @type {() => Promise<void>} */ fn) => {
    /** @type {number[]} */
    const times = []
    for (let i = 0; i < (options.quick ? 10 : 25); i++) {
      const a = performance.now()
      await fn()
      times.push(performance.now() - a)
    }
    return round(median(times), 3)
  }
  emailStepMs = []
  codeStepMs = []
  const unloadedMs = {
    renderLogin: await one(async () => void (await page("/login"))),
    linkSignIn: await one(linkSignIn),
    linkEmailStep: 0,
    linkCodeStep: 0,
    baselineSignIn: await one(baselineSignIn),
  }
  unloadedMs.linkEmailStep = round(median(emailStepMs), 3)
  unloadedMs.linkCodeStep = round(median(codeStepMs), 3)
  emailStepMs = []
  codeStepMs = []

  const before = await stats()
  /** @type {import("../lib/load.mjs").LoadResult[]} */
  const link = []
  /** @type {import("../lib/load.mjs").LoadResult[]} */
  const baseline = []
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      link.push(await load(linkSignIn, roundMs))
      baseline.push(await load(baselineSignIn, roundMs))
    } else {
      baseline.push(await load(baselineSignIn, roundMs))
      link.push(await load(linkSignIn, roundMs))
    }
  }
  const after = await stats()
  await http.close()

  const linkSignIns = link.reduce((n, r) => n + r.completed, 0)
  const linkLatency = link.flatMap((r) => r.latenciesMs)
  const baseLatency = baseline.flatMap((r) => r.latenciesMs)
  const ratios = link.map(
    (r, i) => r.perSecond / /** @type {any} */ (baseline[i]).perSecond
  )
  const ms = (/** @type {number} */ x) => round(x, 3)
  const result = figure({
    id: "end-to-end",
    title: `3. End to end: Link sign-ins/s (email + code step) vs baseline Credentials, ${users} users`,
    value: round(median(link.map((r) => r.perSecond))),
    baseline: round(median(baseline.map((r) => r.perSecond))),
    unit: "sign-ins/s",
    baselineLabel: "Credentials that returns a user at once",
    goal: { op: ">=", target: 0.45 },
    details: {
      users,
      rounds,
      roundMs,
      roundRatios: ratios.map((x) => round(x, 4)),
      latencyMs: {
        link: {
          p50: ms(quantile(linkLatency, 0.5)),
          p99: ms(quantile(linkLatency, 0.99)),
        },
        linkEmailStep: {
          p50: ms(quantile(emailStepMs, 0.5)),
          p99: ms(quantile(emailStepMs, 0.99)),
        },
        linkCodeStep: {
          p50: ms(quantile(codeStepMs, 0.5)),
          p99: ms(quantile(codeStepMs, 0.99)),
        },
        baseline: {
          p50: ms(quantile(baseLatency, 0.5)),
          p99: ms(quantile(baseLatency, 0.99)),
        },
      },
      signIns: { link: linkSignIns, baseline: baseLatency.length },
      unloadedMs,
    },
  })
  result.ratio = round(median(ratios), 4)
  result.met = result.ratio >= 0.45
  const calls = after.total - before.total
  return {
    figure: result,
    linkCalls: {
      signIns: linkSignIns,
      calls,
      perSignIn: round(calls / linkSignIns, 4),
      byRoute: Object.fromEntries(
        Object.entries(after.calls).map(([k, v]) => [
          k,
          v - (before.calls[k] ?? 0),
        ])
      ),
    },
  }
}
