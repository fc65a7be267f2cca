/**
 * Small statistics and formatting helpers shared by the benchmarks.
 * @module
 */

/**
 * The q-quantile (0..1) of a list of numbers, by linear interpolation between closest ranks.
 * @param {readonly number[]} values
 * @param {number} q
 * @returns {number}
 */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q))
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  const a = /** @type {number} */ (sorted[lo])
  const b = /** @type {number} */ (sorted[hi])
  return a + (b - a) * (pos - lo)
}

/**
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  return quantile(values, 0.5)
}

/**
 * Rounds to a few significant digits, for printing and for the JSON results.
 * @param {number} value
 * @param {number} [digits]
 * @returns {number}
 */
export function round(value, digits = 3) {
  if (!Number.isFinite(value) || value === 0) return value
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(value))))
  return Math.round(value * scale) / scale
}

/**
 * A number with thousands separators and a few significant digits.
 * @param {number} value
 * @returns {string}
 */
export function fmt(value) {
  if (!Number.isFinite(value)) return String(value)
  return round(value, 3).toLocaleString("en-US", { maximumFractionDigits: 3 })
}

/**
 * Runs `a` and `b` alternately for `rounds` rounds (which goes first alternates too, so drift and
 * warm-up hit both alike) and returns each side's measurements in round order.
 * @template A, B
 * @param {number} rounds
 * @param {() => Promise<A>} a
 * @param {() => Promise<B>} b
 * @returns {Promise<{ a: A[], b: B[] }>}
 */
export async function interleave(rounds, a, b) {
  /** @type {A[]} */
  const as = []
  /** @type {B[]} */
  const bs = []
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      as.push(await a())
      bs.push(await b())
    } else {
      bs.push(await b())
      as.push(await a())
    }
  }
  return { a: as, b: bs }
}

/**
 * One figure of the report: a measured value, its baseline in the same run, and the goal on their
 * ratio (if any). `better` says which way is good.
 * @typedef {object} Figure
 * @property {string} id
 * @property {string} title
 * @property {number} value
 * @property {number} baseline
 * @property {string} unit
 * @property {string} baselineLabel
 * @property {number} ratio value / baseline
 * @property {{ op: "<=" | ">=" | "==", target: number } | undefined} [goal]
 * @property {boolean | undefined} [met]
 * @property {Record<string, unknown>} [details]
 */

/**
 * Builds a {@link Figure}, computing the ratio and whether the goal is met.
 * @param {Omit<Figure, "ratio" | "met">} figure
 * @returns {Figure}
 */
export function figure(figure) {
  const ratio = figure.value / figure.baseline
  const goal = figure.goal
  const met = !goal
    ? undefined
    : goal.op === "<="
      ? ratio <= goal.target
      : goal.op === ">="
        ? ratio >= goal.target
        : ratio === goal.target
  return { ...figure, ratio: round(ratio, 4), met }
}
