import { benchAuthorize, benchSimulator } from "./lib/link.mjs"
const { fetch } = benchSimulator({ people: 500 })
const p = benchAuthorize(fetch, {})
let n = 0
for (let i = 0; i < 4000; i++) { const c = await p.start(`bench-${n++ % 500}@example.com`); await p.finish(c) }
