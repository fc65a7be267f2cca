/**
 * Figure 11 (issue 19): sign-ins per second through the sign-in form with JavaScript on Better
 * Auth, versus a bare better-auth email-and-password sign-in in the same app. One better-auth
 * server (bench/lib/better-auth-server.mjs: email and password plus the Login with Link plugin,
 * PGlite) and the simulator, each in its own process, over loopback HTTP. The Link side is what
 * the form does in a browser: `linkClientAction` (the Better Auth client driver) on better-auth's
 * own client with `loginWithLinkClient()`, called with the form's fields (the email step, then
 * the simulator's test code); the baseline is `authClient.signIn.email` on the same client. Both
 * sides: the same virtual users at once, each sign-in creating a session; the people exist after
 * the warm-up (each side its own). Paired rounds (which side goes first alternates), the ratio is
 * the median of the per-round ratios. Not included: React rendering the form (the browser's
 * work, not the server's).
 * @module
 */
import { performance } from "node:perf_hooks"
import {
  linkClientAction,
  loginWithLinkClient,
} from "@login-with-link/better-auth/client"
import { createAuthClient } from "better-auth/client"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { cookieJarFetch, freePort } from "@login-with-link/test-helpers"
import { CODE } from "../lib/link.mjs"
import { readyLine, startChild } from "../lib/procs.mjs"
import { figure, interleave, median, round } from "../lib/stats.mjs"
import { cpuMs } from "./throughput.mjs"

const LIB = join(dirname(fileURLToPath(import.meta.url)), "..", "lib")
const PASSWORD = "bench-password-0123456789"
// Node's own FormData (its fetch's), what a browser's form gives the action.
const { FormData } = globalThis

/** The form's fields as the browser posts them. @param {Record<string, string>} fields */
function form(fields) {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.set(name, value)
  return data
}

/**
 * @param {{ quick?: boolean, users?: number }} [options]
 */
export async function betterAuthForm(options = {}) {
  const quick = options.quick === true
  const users = options.users ?? (quick ? 2 : 4)
  // Many short rounds rather than a few long ones: on a shared machine the other load comes in
  // bursts, and a short pair of rounds is more likely to see the same load on both sides.
  const rounds = quick ? 2 : 10
  const perRound = quick ? 6 : 24
  // Each person signs in again and again: a returning sign-in on both sides.
  const people = quick ? 4 : 20
  const roundTimeoutMs = quick ? 15_000 : 60_000

  const t0 = performance.now()
  /** @type {Record<string, number>} */
  const phasesMs = {}
  // The simulator's port is chosen here, so the two processes start at once.
  const simPort = await freePort()
  const apiUrl = `http://127.0.0.1:${simPort}/api`
  const sim = startChild(process.execPath, [
    join(LIB, "server-child.mjs"),
    "simulator",
    JSON.stringify({ people, port: simPort }),
  ])
  const server = startChild(process.execPath, [
    join(LIB, "better-auth-server.mjs"),
    JSON.stringify({ apiUrl }),
  ])
  try {
    const [simReady, { url }] =
      /** @type {[{ apiUrl: string }, { url: string }]} */ (
        await Promise.all([readyLine(sim), readyLine(server, 60_000)])
      )
    if (simReady.apiUrl !== apiUrl)
      throw new Error(
        `the simulator answers at ${simReady.apiUrl}, not ${apiUrl}`
      )
    phasesMs.start = Math.round(performance.now() - t0)

    const authClient = createAuthClient({
      baseURL: url,
      plugins: [loginWithLinkClient()],
      // A browser on the app's page sends its origin; better-auth checks it.
      fetchOptions: { headers: { origin: url } },
    })

    let nextLink = 0
    let nextPassword = 0
    const linkEmail = () => `bench-${nextLink++ % people}@example.com`
    const passwordEmail = () =>
      `password-${nextPassword++ % people}@example.com`

    /** One sign-in through the form's driver: the email step, then the code step. */
    const linkUser = () => {
      const browser = createAuthClient({
        baseURL: url,
        plugins: [loginWithLinkClient()],
        // A browser of its own: its cookie jar keeps the challenge's httpOnly cookie.
        fetchOptions: {
          customFetchImpl: cookieJarFetch((request) => fetch(request), {
            origin: url,
          }).fetch,
        },
      })
      const action = linkClientAction(browser, {
        callbackUrl: { fallback: "/account" },
      })
      return async () => {
        const codeStep = await action(
          undefined,
          form({ intent: "start", email: linkEmail(), callbackUrl: "/account" })
        )
        if (codeStep.step !== "code")
          throw new Error(`email step: ${JSON.stringify(codeStep)}`)
        const done = await action(
          codeStep,
          form({ intent: "verify", code: CODE, callbackUrl: "/account" })
        )
        if (done.redirectTo !== "/account")
          throw new Error(`code step: ${JSON.stringify(done)}`)
      }
    }
    const passwordUser = () => async () => {
      const { data, error } = await authClient.signIn.email({
        email: passwordEmail(),
        password: PASSWORD,
      })
      if (error || !data?.token)
        throw new Error(`password sign-in: ${JSON.stringify(error)}`)
    }

    /**
     * Sign-ins per second of `perRound` sign-ins by `users` users at once, and the better-auth
     * server's CPU time per sign-in (from /proc; undefined elsewhere).
     * @param {() => () => Promise<void>} makeUser
     */
    async function rate(makeUser) {
      let left = perRound
      const deadline = performance.now() + roundTimeoutMs
      const cpu0 = cpuMs(server.process.pid)
      const t0 = performance.now()
      await Promise.all(
        Array.from({ length: users }, async () => {
          const signIn = makeUser()
          while (left > 0) {
            if (performance.now() > deadline)
              throw new Error(`a round took over ${roundTimeoutMs} ms`)
            left--
            await signIn()
          }
        })
      )
      const seconds = (performance.now() - t0) / 1000
      const cpu1 = cpuMs(server.process.pid)
      return {
        perSecond: perRound / seconds,
        serverCpuMs:
          cpu0 === undefined || cpu1 === undefined
            ? undefined
            : (cpu1 - cpu0) / perRound,
      }
    }

    // Warm-up: every password person signs up, every Link person signs in once (better-auth
    // creates the user), so the rounds measure returning sign-ins on both sides.
    await Promise.all(
      Array.from({ length: people }, async (_, i) => {
        const { error } = await authClient.signUp.email({
          email: `password-${i}@example.com`,
          password: PASSWORD,
          name: `Password Person ${i}`,
        })
        if (error) throw new Error(`sign-up: ${JSON.stringify(error)}`)
      })
    )
    const warm = linkUser()
    for (let i = 0; i < people; i++) await warm()
    // And one round a side with every user at once: the first such Link round ran at a fraction
    // of the later ones' rate (2.5-6.7 against 10-27 sign-ins/s in three runs).
    if (!quick) {
      await rate(linkUser)
      await rate(passwordUser)
    }
    phasesMs.warmUp = Math.round(performance.now() - t0) - phasesMs.start

    const paired = await interleave(
      rounds,
      () => rate(linkUser),
      () => rate(passwordUser)
    )
    const a = paired.a.map((r) => r.perSecond)
    const b = paired.b.map((r) => r.perSecond)
    const ratios = a.map((x, i) => x / /** @type {number} */ (b[i]))
    const ratio = median(ratios)
    // The server's CPU per sign-in, which the other load on a shared machine moves much less.
    const cpu = (/** @type {{ serverCpuMs?: number }[]} */ side) =>
      side.every((r) => r.serverCpuMs !== undefined)
        ? round(median(side.map((r) => /** @type {number} */ (r.serverCpuMs))))
        : undefined
    const serverCpuMs = { link: cpu(paired.a), password: cpu(paired.b) }
    const result = figure({
      id: "better-auth-form",
      title:
        "11. Form sign-ins on Better Auth: with JS, linkClientAction vs better-auth email and password, same server",
      value: round(median(a)),
      baseline: round(median(b)),
      unit: "sign-ins/s",
      baselineLabel: "better-auth signIn.email, same app and database",
      goal: { op: ">=", target: 0.45 },
      details: {
        summary: `ratio = median of the per-round ratios ${ratios.map((x) => round(x, 3)).join(", ")} (the medians' ratio: ${round(median(a) / median(b), 3)}); ${users} users at once, ${rounds} paired rounds of ${perRound} sign-ins a side${serverCpuMs.link !== undefined && serverCpuMs.password !== undefined ? `; the better-auth server's CPU per sign-in: Link ${serverCpuMs.link} ms, email and password ${serverCpuMs.password} ms (CPU ratio password/Link ${round(serverCpuMs.password / serverCpuMs.link, 3)})` : ""}`,
        serverCpuMsPerSignIn: serverCpuMs,
        medianOfRoundRatios: round(ratio, 4),
        roundRatios: ratios.map((x) => round(x, 4)),
        linkPerSecond: a.map((x) => round(x)),
        passwordPerSecond: b.map((x) => round(x)),
        users,
        rounds,
        signInsPerRound: perRound,
        people,
        phasesMs: {
          ...phasesMs,
          rounds:
            Math.round(performance.now() - t0) -
            phasesMs.start -
            phasesMs.warmUp,
        },
        server:
          "better-auth 1.7 on Node's http (toNodeHandler), emailAndPassword + loginWithLink, PGlite, its own process; the simulator in another",
        link: "linkClientAction on createAuthClient({ plugins: [loginWithLinkClient()] }): POST /sign-in/link/form twice (start, verify; the challenge in an httpOnly cookie) (lookup, start_verification, authenticate on the simulator)",
        password:
          "authClient.signIn.email: POST /sign-in/email (better-auth's scrypt password check)",
      },
    })
    // The paired rounds' ratio, not the ratio of the medians: load that moves during the run
    // hits both sides of a round alike.
    result.ratio = round(ratio, 4)
    result.met = ratio >= 0.45
    return result
  } finally {
    await server.stop()
    await sim.stop()
  }
}
