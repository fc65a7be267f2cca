/**
 * Figure 3: the shop's production build under N concurrent virtual users, each signing in with
 * the email step and then the code step, versus a Credentials provider that returns a user at
 * once (one request), in the same app and run. Both ways a browser calls a server action:
 * - "js": what a browser with JavaScript sends: a POST with the `Next-Action` header and the
 *   arguments encoded by React's own `encodeReply` (from the shop's Next.js), answered with an RSC
 *   payload (the headline figure);
 * - "no-js": the form as rendered, posted as multipart with its hidden `$ACTION_…` fields,
 *   answered with the whole page (progressive enhancement).
 * Also counts the Link calls per sign-in the simulator saw (figure 5).
 * @module
 */
import { Buffer } from "node:buffer"
import { createRequire } from "node:module"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { CookieJar, formWith, multipart } from "../lib/html.mjs"
import { closedLoop, httpClient } from "../lib/load.mjs"
import { CODE } from "../lib/link.mjs"
import { figure, median, quantile, round } from "../lib/stats.mjs"

/**
 * React's `encodeReply`, as bundled with the shop's Next.js: how the browser encodes the
 * arguments of a server action.
 * @param {string} shopDir
 * @returns {(value: unknown) => Promise<FormData | string>}
 */
function loadEncodeReply(shopDir) {
  const load = createRequire(join(shopDir, "package.json"))
  const client = load(
    "next/dist/compiled/react-server-dom-turbopack/cjs/react-server-dom-turbopack-client.node.production.js"
  )
  return client.encodeReply
}

/** The router state a browser sends for a page of one segment, e.g. /login. */
function routerStateTree(/** @type {string} */ segment) {
  return encodeURIComponent(
    JSON.stringify([
      "",
      { children: [segment, { children: ["__PAGE__", {}] }] },
      null,
      null,
      true,
    ])
  )
}

/**
 * @param {{ shopUrl: string, shopDir: string, simUrl: string, quick?: boolean, users?: number, people: number }} options
 */
export async function endToEnd(options) {
  const { shopUrl, simUrl } = options
  const users = options.users ?? 8
  const roundMs = options.quick ? 2000 : 3000
  const rounds = options.quick ? 2 : 3
  const warmupMs = options.quick ? 1500 : 2000
  const http = httpClient(shopUrl, users)
  const encodeReply = loadEncodeReply(options.shopDir)
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
  const field = (
    /** @type {[string, string][]} */ fields,
    /** @type {string} */ name
  ) => fields.find(([k]) => k === name)?.[1]
  const loginAction = /** @type {{ id: string }} */ (
    JSON.parse(field(emailForm.fields, "$ACTION_1:0") ?? "{}")
  ).id
  const loginState = /** @type {Record<string, unknown>[]} */ (
    JSON.parse(field(emailForm.fields, "$ACTION_1:1") ?? "[]")
  )[0]
  const baselineAction = baselineForm.fields
    .find(([k]) => k.startsWith("$ACTION_ID_"))?.[0]
    .slice("$ACTION_ID_".length)
  if (!loginAction || !loginState || !baselineAction)
    throw new Error("the rendered forms lack their server action fields")

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
  async function postForm(path, fields, jar) {
    const { body, contentType } = multipart(fields)
    const res = await http.request(path, {
      method: "POST",
      headers: {
        origin: shopUrl,
        "content-type": contentType,
        cookie: jar.header(),
      },
      body,
    })
    jar.store(res.headers["set-cookie"])
    return res
  }

  /**
   * Call a server action as a browser with JavaScript does.
   * @param {string} path
   * @param {string} action
   * @param {unknown[]} args
   * @param {CookieJar} jar
   */
  async function callAction(path, action, args, jar) {
    const encoded = new Response(await encodeReply(args))
    const body = Buffer.from(await encoded.arrayBuffer())
    const res = await http.request(path, {
      method: "POST",
      headers: {
        origin: shopUrl,
        accept: "text/x-component",
        "next-action": action,
        "next-router-state-tree": routerStateTree(path.slice(1)),
        "content-type": encoded.headers.get("content-type") ?? undefined,
        cookie: jar.header(),
      },
      body,
    })
    jar.store(res.headers["set-cookie"])
    return res
  }

  /** @param {Record<string, string>} values */
  const formData = (values) => {
    const fd = new globalThis.FormData()
    for (const [k, v] of Object.entries(values)) fd.set(k, v)
    return fd
  }

  /** @type {number[]} */
  let emailStepMs = []
  /** @type {number[]} */
  let codeStepMs = []

  const flows = {
    "no-js": {
      async link() {
        const jar = new CookieJar()
        const a = performance.now()
        const first = await postForm(
          "/login",
          fill(emailForm.fields, { email: linkEmail() }),
          jar
        )
        if (first.status !== 200 || !jar.has("link_signin"))
          throw new Error(
            `email step: HTTP ${first.status}, no challenge cookie`
          )
        const codeForm = formWith(first.text, "code")
        const b = performance.now()
        const second = await postForm(
          "/login",
          fill(codeForm.fields, { code: CODE }),
          jar
        )
        if (second.status !== 303 || !jar.has("authjs.session-token"))
          throw new Error(`code step: HTTP ${second.status}, no session cookie`)
        emailStepMs.push(b - a)
        codeStepMs.push(performance.now() - b)
      },
      async baseline() {
        const jar = new CookieJar()
        const email = `baseline-${nextBaseline++}@example.com`
        const res = await postForm(
          "/bench-login",
          fill(baselineForm.fields, { email }),
          jar
        )
        if (res.status !== 303 || !jar.has("authjs.session-token"))
          throw new Error(`baseline: HTTP ${res.status}, no session cookie`)
      },
    },
    js: {
      async link() {
        const jar = new CookieJar()
        const callbackUrl = "/account"
        const a = performance.now()
        const first = await callAction(
          "/login",
          loginAction,
          [
            loginState,
            formData({ intent: "start", callbackUrl, email: linkEmail() }),
          ],
          jar
        )
        if (first.status !== 200 || !jar.has("link_signin"))
          throw new Error(
            `email step: HTTP ${first.status}, no challenge cookie`
          )
        const b = performance.now()
        const second = await callAction(
          "/login",
          loginAction,
          [
            { ...loginState, step: "code", seq: 1 },
            formData({ intent: "verify", callbackUrl, code: CODE }),
          ],
          jar
        )
        if (
          !String(second.headers["x-action-redirect"] ?? "").startsWith(
            callbackUrl
          ) ||
          !jar.has("authjs.session-token")
        )
          throw new Error(
            `code step: HTTP ${second.status}, no redirect and session`
          )
        emailStepMs.push(b - a)
        codeStepMs.push(performance.now() - b)
      },
      async baseline() {
        const jar = new CookieJar()
        const email = `baseline-${nextBaseline++}@example.com`
        const res = await callAction(
          "/bench-login",
          baselineAction,
          [formData({ email })],
          jar
        )
        if (
          !res.headers["x-action-redirect"] ||
          !jar.has("authjs.session-token")
        )
          throw new Error(
            `baseline: HTTP ${res.status}, no redirect and session`
          )
      },
    },
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

  const stats = async () => {
    const res = await fetch(`${simUrl}/__control/stats`)
    return /** @type {{ total: number, calls: Record<string, number> }} */ (
      await res.json()
    )
  }

  const ms = (/** @type {number} */ x) => round(x, 3)
  const pct = (/** @type {number[]} */ xs) => ({
    p50: ms(quantile(xs, 0.5)),
    p99: ms(quantile(xs, 0.99)),
  })
  const before = await stats()

  /** @param {"js" | "no-js"} mode */
  async function measureMode(mode) {
    const flow = flows[mode]
    await load(flow.link, warmupMs / 2)
    await load(flow.baseline, warmupMs / 2)

    // Where the time goes, one request at a time (no queueing).
    const one = async (/** @type {() => Promise<void>} */ fn) => {
      /** @type {number[]} */
      const times = []
      for (let i = 0; i < (options.quick ? 10 : 25); i++) {
        const a = performance.now()
        await fn()
        times.push(performance.now() - a)
      }
      return ms(median(times))
    }
    emailStepMs = []
    codeStepMs = []
    const unloadedMs = {
      renderLogin: await one(async () => void (await page("/login"))),
      linkSignIn: await one(flow.link),
      linkEmailStep: ms(median(emailStepMs)),
      linkCodeStep: ms(median(codeStepMs)),
      baselineSignIn: await one(flow.baseline),
    }
    unloadedMs.linkEmailStep = ms(median(emailStepMs))
    unloadedMs.linkCodeStep = ms(median(codeStepMs))
    emailStepMs = []
    codeStepMs = []

    /** @type {import("../lib/load.mjs").LoadResult[]} */
    const link = []
    /** @type {import("../lib/load.mjs").LoadResult[]} */
    const baseline = []
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        link.push(await load(flow.link, roundMs))
        baseline.push(await load(flow.baseline, roundMs))
      } else {
        baseline.push(await load(flow.baseline, roundMs))
        link.push(await load(flow.link, roundMs))
      }
    }
    const ratios = link.map(
      (r, i) => r.perSecond / /** @type {any} */ (baseline[i]).perSecond
    )
    return {
      linkPerSecond: round(median(link.map((r) => r.perSecond))),
      baselinePerSecond: round(median(baseline.map((r) => r.perSecond))),
      ratio: round(median(ratios), 4),
      roundRatios: ratios.map((x) => round(x, 4)),
      latencyMs: {
        link: pct(link.flatMap((r) => r.latenciesMs)),
        linkEmailStep: pct(emailStepMs),
        linkCodeStep: pct(codeStepMs),
        baseline: pct(baseline.flatMap((r) => r.latenciesMs)),
      },
      unloadedMs,
      signIns: {
        link: link.reduce((n, r) => n + r.completed, 0),
        baseline: baseline.reduce((n, r) => n + r.completed, 0),
      },
    }
  }

  const js = await measureMode("js")
  const noJs = await measureMode("no-js")
  const after = await stats()
  await http.close()
  // Every Link sign-in, warm-ups and one-at-a-time runs included, went through the simulator.
  const linkSignIns = nextPerson

  const result = figure({
    id: "end-to-end",
    title: `3. End to end: Link sign-ins/s (email + code step) vs baseline Credentials, ${users} users, with JavaScript`,
    value: js.linkPerSecond,
    baseline: js.baselinePerSecond,
    unit: "sign-ins/s",
    baselineLabel: "Credentials that returns a user at once",
    goal: { op: ">=", target: 0.45 },
    details: { users, rounds, roundMs, js, noJs },
  })
  result.ratio = js.ratio
  result.met = js.ratio >= 0.45
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
