// A/B: two provider builds and bare fetch, interleaved in one process, against one in-process simulator.
import { bareLink, benchAuthorize, benchSimulator } from "./lib/link.mjs"
const before = await import("/tmp/core-before/packages/provider/dist/index.js")
const after = await import("@login-with-link/provider")
const { fetch } = benchSimulator({ people: 500 })
const sides = { after: benchAuthorize(fetch, { provider: after }), before: benchAuthorize(fetch, { provider: before }) }
const bare = bareLink(fetch)
let n = 0
const email = () => `bench-${n++ % 500}@example.com`
async function run(name, count) {
  let s = 0, f = 0
  for (let i = 0; i < count; i++) {
    const a = performance.now()
    if (name === "bare") { const e = email(); const sec = await bare.lookup(e); await bare.send(e, sec); const b = performance.now(); await bare.authenticate(e, sec); f += performance.now() - b; s += b - a; continue }
    const c = await sides[name].start(email()); const b = performance.now(); await sides[name].finish(c); f += performance.now() - b; s += b - a
  }
  return { start: (s / count) * 1000, finish: (f / count) * 1000, total: ((s + f) / count) * 1000 }
}
const ROUNDS = Number(process.argv[2] ?? 12), PER = Number(process.argv[3] ?? 150)
for (const k of ["after", "before", "bare"]) await run(k, 300)
const res = { after: [], before: [], bare: [] }
for (let r = 0; r < ROUNDS; r++) {
  const order = [["after", "before", "bare"], ["bare", "before", "after"], ["before", "bare", "after"]][r % 3]
  for (const k of order) res[k].push(await run(k, PER))
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] }
for (const k of ["after", "before", "bare"]) console.log(k.padEnd(7), "total", med(res[k].map((x) => x.total)).toFixed(0), "start", med(res[k].map((x) => x.start)).toFixed(0), "finish", med(res[k].map((x) => x.finish)).toFixed(0), "µs")
console.log("ratio after/bare", med(res.after.map((x, i) => x.total / res.bare[i].total)).toFixed(2), " before/bare", med(res.before.map((x, i) => x.total / res.bare[i].total)).toFixed(2), " after/before", med(res.after.map((x, i) => x.total / res.before[i].total)).toFixed(2))
