import { benchAuthorize, benchSimulator } from "./lib/link.mjs"
const { fetch } = benchSimulator({ people: 500 })
const p = benchAuthorize(fetch, {})
let n = 0
const N = Number(process.argv[2] ?? 3000)
for (let round = 0; round < 2; round++) {
  const t0 = performance.now()
  for (let i = 0; i < N; i++) {
    const c = await p.start(`bench-${n++ % 500}@example.com`)
    await p.finish(c)
  }
  console.log(`round ${round}: ${(((performance.now() - t0) / N) * 1000).toFixed(0)} µs/sign-in`)
}
