/**
 * Figure 6: requests per second the simulator serves (GET /api/lookup-email, its first and most
 * frequent call) versus a hello-world route on the same Hono + @hono/node-server, each in its own
 * process, under the same bounded keep-alive load over loopback.
 * @module
 */
import { join } from "node:path"
import { closedLoop, httpClient } from "../lib/load.mjs"
import { readyLine, startChild } from "../lib/procs.mjs"
import { BENCH_DIR } from "../lib/shop.mjs"
import { PUBLISHABLE_KEY } from "../lib/link.mjs"
import { figure, median, quantile, round } from "../lib/stats.mjs"

/**
 * @param {{ quick?: boolean }} [options]
 */
export async function throughput(options = {}) {
  const connections = 16
  const roundMs = options.quick ? 1500 : 2500
  const rounds = options.quick ? 2 : 3
  const people = 500
  const script = join(BENCH_DIR, "lib", "server-child.mjs")
  const simChild = startChild(process.execPath, [
    script,
    "simulator",
    JSON.stringify({ people }),
  ])
  const helloChild = startChild(process.execPath, [script, "hello"])
  try {
    const sim = /** @type {{ url: string }} */ (await readyLine(simChild))
    const hello = /** @type {{ url: string }} */ (await readyLine(helloChild))
    const simHttp = httpClient(sim.url, connections)
    const helloHttp = httpClient(hello.url, connections)
    let n = 0
    const lookup = async () => {
      const email = `bench-${n++ % people}@example.com`
      const res = await simHttp.request(
        `/api/lookup-email?email=${encodeURIComponent(email)}&STRIPE_PUBLIC_KEY=${PUBLISHABLE_KEY}`
      )
      if (res.status !== 200)
        throw new Error(`lookup-email: HTTP ${res.status}`)
    }
    const greet = async () => {
      const res = await helloHttp.request("/")
      if (res.status !== 200) throw new Error(`hello: HTTP ${res.status}`)
    }
    /** @param {() => Promise<void>} iteration @param {number} durationMs */
    const load = async (iteration, durationMs) => {
      const r = await closedLoop({ users: connections, durationMs, iteration })
      if (r.failed)
        throw new Error(`${r.failed} requests failed: ${r.firstError}`)
      return r
    }
    await load(lookup, 1000)
    await load(greet, 1000)
    /** @type {import("../lib/load.mjs").LoadResult[]} */
    const a = []
    /** @type {import("../lib/load.mjs").LoadResult[]} */
    const b = []
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        a.push(await load(lookup, roundMs))
        b.push(await load(greet, roundMs))
      } else {
        b.push(await load(greet, roundMs))
        a.push(await load(lookup, roundMs))
      }
    }
    await simHttp.close()
    await helloHttp.close()
    const ratios = a.map(
      (x, i) => x.perSecond / /** @type {any} */ (b[i]).perSecond
    )
    const lat = (/** @type {typeof a} */ rs) => {
      const all = rs.flatMap((r) => r.latenciesMs)
      return { p50: round(quantile(all, 0.5)), p99: round(quantile(all, 0.99)) }
    }
    const result = figure({
      id: "simulator-throughput",
      title:
        "6. Simulator throughput: GET /api/lookup-email vs hello-world Hono route",
      value: round(median(a.map((r) => r.perSecond))),
      baseline: round(median(b.map((r) => r.perSecond))),
      unit: "requests/s",
      baselineLabel: "hello world, same @hono/node-server",
      goal: { op: ">=", target: 0.5 },
      details: {
        connections,
        rounds,
        roundMs,
        roundRatios: ratios.map((x) => round(x, 4)),
        latencyMs: { simulator: lat(a), hello: lat(b) },
      },
    })
    result.ratio = round(median(ratios), 4)
    result.met = result.ratio >= 0.5
    return result
  } finally {
    await simChild.stop()
    await helloChild.stop()
  }
}
