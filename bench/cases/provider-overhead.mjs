/**
 * Figure 1: a full sign-in through the provider's authorize() (start: lookup + send + seal;
 * finish: unseal + authenticate) against the in-process simulator, versus the same three Link
 * calls with bare fetch against the same handler. The same comparison over loopback HTTP (the
 * simulator in its own process, Node's fetch) is reported alongside: the nearest a real network
 * can be.
 * @module
 */
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { bareLink, benchAuthorize, benchSimulator } from "../lib/link.mjs"
import { readyLine, startChild } from "../lib/procs.mjs"
import { BENCH_DIR } from "../lib/shop.mjs"
import { figure, interleave, median, round } from "../lib/stats.mjs"

const PEOPLE = 500
/** Goals: a sign-in through the provider at most 3x three bare calls to an in-process Link... */
export const IN_PROCESS_GOAL = 3.0
/** ...and at most 1.2x over loopback HTTP, the nearest a real network can be. */
export const LOOPBACK_GOAL = 1.2

/**
 * Sequential sign-ins through authorize() and through bare fetch, in interleaved rounds.
 * @param {typeof fetch} linkFetch
 * @param {string | undefined} apiUrl
 * @param {{ perRound: number, rounds: number, warmup: number }} plan
 */
async function compare(linkFetch, apiUrl, plan) {
  const provider = benchAuthorize(linkFetch, apiUrl ? { apiUrl } : {})
  const bare = bareLink(linkFetch, apiUrl)
  let n = 0
  const nextEmail = () => `bench-${n++ % PEOPLE}@example.com`

  /** @param {number} count */
  async function viaProvider(count) {
    let start = 0
    let finish = 0
    const t0 = performance.now()
    for (let i = 0; i < count; i++) {
      const a = performance.now()
      const challenge = await provider.start(nextEmail())
      const b = performance.now()
      await provider.finish(challenge)
      const c = performance.now()
      start += b - a
      finish += c - b
    }
    const total = performance.now() - t0
    return {
      total: total / count,
      start: start / count,
      finish: finish / count,
    }
  }

  /** @param {number} count */
  async function viaBare(count) {
    let lookup = 0
    let send = 0
    let auth = 0
    const t0 = performance.now()
    for (let i = 0; i < count; i++) {
      const email = nextEmail()
      const a = performance.now()
      const secret = await bare.lookup(email)
      const b = performance.now()
      await bare.send(email, secret)
      const c = performance.now()
      await bare.authenticate(email, secret)
      const d = performance.now()
      lookup += b - a
      send += c - b
      auth += d - c
    }
    const total = performance.now() - t0
    return {
      total: total / count,
      lookup: lookup / count,
      send: send / count,
      authenticate: auth / count,
    }
  }

  await viaProvider(plan.warmup)
  await viaBare(plan.warmup)
  const { a: p, b: r } = await interleave(
    plan.rounds,
    () => viaProvider(plan.perRound),
    () => viaBare(plan.perRound)
  )
  const ratios = p.map((x, i) => x.total / /** @type {any} */ (r[i]).total)
  const us = (/** @type {number[]} */ xs) => round(median(xs) * 1000, 3)
  return {
    providerUs: us(p.map((x) => x.total)),
    bareUs: us(r.map((x) => x.total)),
    ratio: round(median(ratios), 4),
    roundRatios: ratios.map((x) => round(x, 4)),
    perStepUs: {
      provider: {
        start: us(p.map((x) => x.start)),
        finish: us(p.map((x) => x.finish)),
      },
      bare: {
        lookup: us(r.map((x) => x.lookup)),
        start_verification: us(r.map((x) => x.send)),
        authenticate: us(r.map((x) => x.authenticate)),
        "start (lookup + start_verification)": us(
          r.map((x) => x.lookup + x.send)
        ),
      },
    },
    ...plan,
  }
}

/**
 * @param {{ quick?: boolean }} [options]
 */
export async function providerOverhead(options = {}) {
  const quick = options.quick ?? false
  const { fetch: simFetch } = benchSimulator({ people: PEOPLE })
  const inProcess = await compare(simFetch, undefined, {
    perRound: quick ? 60 : 150,
    rounds: quick ? 6 : 12,
    warmup: quick ? 150 : 500,
  })

  const child = startChild(process.execPath, [
    join(BENCH_DIR, "lib", "server-child.mjs"),
    "simulator",
    JSON.stringify({ people: PEOPLE }),
  ])
  let loopback
  try {
    const { apiUrl } = /** @type {{ apiUrl: string }} */ (
      await readyLine(child)
    )
    loopback = await compare(globalThis.fetch, apiUrl, {
      perRound: quick ? 30 : 60,
      rounds: quick ? 4 : 10,
      warmup: quick ? 60 : 150,
    })
  } finally {
    await child.stop()
  }

  const result = figure({
    id: "provider-overhead",
    title:
      "1. Provider overhead: full sign-in via authorize() vs bare fetch (in-process simulator)",
    value: inProcess.providerUs,
    baseline: inProcess.bareUs,
    unit: "µs/sign-in",
    baselineLabel: "3 bare fetch calls",
    goal: { op: "<=", target: IN_PROCESS_GOAL },
    details: {
      ...inProcess,
      loopback: loopback && {
        ...loopback,
        goal: { op: "<=", target: LOOPBACK_GOAL },
        met: loopback.ratio <= LOOPBACK_GOAL,
      },
    },
  })
  // The ratio is the median of the per-round ratios (each pair adjacent in time).
  result.ratio = inProcess.ratio
  result.met = result.ratio <= IN_PROCESS_GOAL
  return result
}
