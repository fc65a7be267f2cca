/**
 * Figure 6: requests per second the simulator serves (GET /api/lookup-email, its first and most
 * frequent call) versus a hello-world route on the same Hono + @hono/node-server, each in its own
 * process, under the same bounded keep-alive load over loopback.
 * @module
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { closedLoop, httpClient } from "../lib/load.mjs"
import { readyLine, startChild } from "../lib/procs.mjs"
import { BENCH_DIR } from "../lib/shop.mjs"
import { PUBLISHABLE_KEY } from "../lib/link.mjs"
import { figure, median, quantile, round } from "../lib/stats.mjs"

/**
 * CPU time (user + system, ms) a process has used so far, from /proc; undefined elsewhere. On a
 * shared machine the requests/s ratio moves with the other load; the CPU each request costs the
 * server does much less.
 * @param {number | undefined} pid
 */
export function cpuMs(pid) {
  const file = `/proc/${pid}/stat`
  if (pid === undefined || !existsSync(file)) return undefined
  const fields = readFileSync(file, "utf8").split(") ")[1]?.split(" ") ?? []
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

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
    /** @type {Map<() => Promise<void>, { cpuMs: number, requests: number }>} */
    const cpu = new Map()
    /** @param {() => Promise<void>} iteration @param {number} durationMs */
    const load = async (iteration, durationMs) => {
      const pid = (iteration === lookup ? simChild : helloChild).process.pid
      const before = cpuMs(pid)
      const r = await closedLoop({ users: connections, durationMs, iteration })
      if (r.failed)
        throw new Error(`${r.failed} requests failed: ${r.firstError}`)
      const after = cpuMs(pid)
      if (before !== undefined && after !== undefined) {
        const sum = cpu.get(iteration) ?? { cpuMs: 0, requests: 0 }
        sum.cpuMs += after - before
        sum.requests += r.completed
        cpu.set(iteration, sum)
      }
      return r
    }
    await load(lookup, 1000)
    await load(greet, 1000)
    cpu.clear()
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
    const usPerRequest = (/** @type {() => Promise<void>} */ f) => {
      const c = cpu.get(f)
      return c && c.requests > 0
        ? round((c.cpuMs * 1000) / c.requests, 3)
        : undefined
    }
    const cpuUs = {
      simulator: usPerRequest(lookup),
      hello: usPerRequest(greet),
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
        // The server process's CPU per request (from /proc; absent elsewhere).
        cpuUsPerRequest: cpuUs,
        cpuRatio:
          cpuUs.simulator && cpuUs.hello
            ? round(cpuUs.hello / cpuUs.simulator, 3)
            : undefined,
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
