/**
 * A bounded closed-loop load: N virtual users, each running one iteration after another until a
 * deadline or an iteration budget, over keep-alive connections (undici Pool).
 * @module
 */
import { performance } from "node:perf_hooks"
import { Pool } from "undici"

/**
 * @typedef {object} LoadResult
 * @property {number} completed iterations that succeeded
 * @property {number} failed iterations that threw
 * @property {number} elapsedMs
 * @property {number} perSecond completed per second
 * @property {number[]} latenciesMs of the completed iterations
 * @property {string | undefined} firstError
 */

/**
 * @param {object} options
 * @param {number} options.users concurrent virtual users
 * @param {number} options.durationMs stop starting iterations after this long
 * @param {number} [options.maxIterations] and after this many in all
 * @param {number} [options.maxFailures] abort the run after this many failures (default 20)
 * @param {(user: number, iteration: number) => Promise<void>} options.iteration
 * @returns {Promise<LoadResult>}
 */
export async function closedLoop(options) {
  const { users, durationMs, iteration } = options
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY
  const maxFailures = options.maxFailures ?? 20
  /** @type {number[]} */
  const latenciesMs = []
  let started = 0
  let failed = 0
  /** @type {string | undefined} */
  let firstError
  const t0 = performance.now()
  const deadline = t0 + durationMs
  async function user(/** @type {number} */ id) {
    while (
      performance.now() < deadline &&
      started < maxIterations &&
      failed < maxFailures
    ) {
      const n = started++
      const a = performance.now()
      try {
        await iteration(id, n)
        latenciesMs.push(performance.now() - a)
      } catch (error) {
        failed++
        firstError ??= error instanceof Error ? error.message : String(error)
      }
    }
  }
  await Promise.all(Array.from({ length: users }, (_, i) => user(i)))
  const elapsedMs = performance.now() - t0
  return {
    completed: latenciesMs.length,
    failed,
    elapsedMs,
    perSecond: (latenciesMs.length / elapsedMs) * 1000,
    latenciesMs,
    firstError,
  }
}

/**
 * A keep-alive connection pool to one origin and a small request helper around it.
 * @param {string} origin
 * @param {number} connections
 */
export function httpClient(origin, connections) {
  const pool = new Pool(origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  })
  return {
    pool,
    /**
     * @param {string} path
     * @param {{ method?: "GET" | "POST", headers?: Record<string, string | undefined>, body?: string | Uint8Array }} [init]
     * @returns {Promise<{ status: number, headers: Record<string, string | string[] | undefined>, text: string }>}
     */
    async request(path, init = {}) {
      /** @type {Record<string, string>} */
      const headers = {}
      for (const [k, v] of Object.entries(init.headers ?? {})) {
        if (v !== undefined) headers[k] = v
      }
      const res = await pool.request({
        path,
        method: init.method ?? "GET",
        headers,
        body: init.body,
      })
      const text = await res.body.text()
      return {
        status: res.statusCode,
        headers: /** @type {Record<string, string | string[] | undefined>} */ (
          res.headers
        ),
        text,
      }
    },
    close: () => pool.close(),
  }
}
