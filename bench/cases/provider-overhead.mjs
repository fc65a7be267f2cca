/**
 * Figure 1: a full sign-in through the provider's authorize() (start: lookup + send + seal;
 * finish: unseal + authenticate) against the in-process simulator, versus the same three Link
 * calls with bare fetch against the same handler.
 * @module
 */
import { performance } from "node:perf_hooks"
import { bareLink, benchAuthorize, benchSimulator } from "../lib/link.mjs"
import { figure, interleave, median, round } from "../lib/stats.mjs"

/**
 * @param {{ quick?: boolean }} [options]
 */
export async function providerOverhead(options = {}) {
  const perRound = options.quick ? 60 : 200
  const rounds = options.quick ? 6 : 14
  const warmup = options.quick ? 150 : 600
  const people = 500
  const { fetch: simFetch } = benchSimulator({ people })
  const provider = benchAuthorize(simFetch)
  const bare = bareLink(simFetch)
  let n = 0
  const nextEmail = () => `bench-${n++ % people}@example.com`

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

  await viaProvider(warmup)
  await viaBare(warmup)
  const { a: p, b: r } = await interleave(
    rounds,
    () => viaProvider(perRound),
    () => viaBare(perRound)
  )
  const ratios = p.map((x, i) => x.total / /** @type {any} */ (r[i]).total)
  const ms = (/** @type {number[]} */ xs) => round(median(xs) * 1000, 3)
  const providerUs = median(p.map((x) => x.total)) * 1000
  const bareUs = median(r.map((x) => x.total)) * 1000
  const result = figure({
    id: "provider-overhead",
    title:
      "1. Provider overhead: full sign-in via authorize() vs bare fetch (in-process simulator)",
    value: round(providerUs),
    baseline: round(bareUs),
    unit: "µs/sign-in",
    baselineLabel: "3 bare fetch calls",
    goal: { op: "<=", target: 1.1 },
    details: {
      medianOfRoundRatios: round(median(ratios), 4),
      roundRatios: ratios.map((x) => round(x, 4)),
      rounds,
      signInsPerRound: perRound,
      perStepUs: {
        provider: {
          start: ms(p.map((x) => x.start)),
          finish: ms(p.map((x) => x.finish)),
        },
        bare: {
          lookup: ms(r.map((x) => x.lookup)),
          start_verification: ms(r.map((x) => x.send)),
          authenticate: ms(r.map((x) => x.authenticate)),
          "start (lookup + start_verification)": ms(
            r.map((x) => x.lookup + x.send)
          ),
        },
      },
    },
  })
  // The ratio of the figure is the median of the per-round ratios (pairs adjacent in time).
  result.ratio = round(median(ratios), 4)
  result.met = result.ratio <= 1.1
  return result
}
