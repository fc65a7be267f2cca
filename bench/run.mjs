#!/usr/bin/env node
/**
 * `pnpm bench`: the benchmarks of issue 7, and the sign-in form's weight (issue 12). Prints each figure with its baseline from the same
 * run and their ratio, and writes bench/results/latest.json.
 *
 *   node bench/run.mjs [--quick] [--only=1,3] [--users=8] [--shop-from-head] [--keep-shop] [--no-build] [--markdown]
 *
 * --quick     shorter rounds (a smoke run, noisier figures)
 * --only      run some figures only (5 needs 3 for its through-the-shop count; 12, the Next +
 *             Better Auth example's page weight, and 13, sign-ins through that example's server
 *             actions, run only when named: they need the example built by `pnpm test:example`)
 * --users     concurrent virtual users of figure 3 (default 8)
 * --shop-from-head  build the shop as last committed (git HEAD), not the working tree
 * --keep-shop keep the copy of the shop built in bench/.shop (it is removed after the run)
 * --no-build  reuse the shop's last production build (bench/.shop kept by --keep-shop, else
 *             apps/demo-shop/.next)
 * --markdown  also print the figures as a Markdown table (for bench/README.md)
 * @module
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { buildWhatBenchImports } from "./lib/build.mjs"

const args = process.argv.slice(2)
const flag = (/** @type {string} */ name) => args.includes(`--${name}`)
const option = (/** @type {string} */ name) =>
  args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1]
const quick = flag("quick")
const only = new Set(
  (option("only") ?? "1,2,3,4,5,6,7,8,9,10,11")
    .split(",")
    .map((s) => Number(s.trim()))
)
const users = Number(option("users") ?? 8)
const started = performance.now()

// The packages are imported from their dist/: build the missing or stale ones first (on a fresh
// clone, all of them), before anything that imports one is loaded.
buildWhatBenchImports()

// Imported after the build, since they load the packages' dist.
const { BENCH_DIR, ROOT } = await import("./lib/shop.mjs")
const { fmt } = await import("./lib/stats.mjs")
const { killChildren, readyLine, startChild } = await import("./lib/procs.mjs")

const machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
}
console.log(
  `Machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`
)
console.log(quick ? "Quick run: short rounds, noisy figures.\n" : "")

/** @type {import("./lib/stats.mjs").Figure[]} */
const figures = []
/** @type {{ figure: number, error: string }[]} */
const errors = []

/** @param {import("./lib/stats.mjs").Figure} f */
function print(f) {
  const goal = f.goal
    ? `goal ${f.goal.op === "==" ? "exactly" : f.goal.op} ${f.goal.op === "==" ? f.baseline : f.goal.target}: ${f.met ? "met" : "MISSED"}`
    : "no goal"
  console.log(`\n${f.title}`)
  console.log(
    `   ${fmt(f.value)} ${f.unit}  vs  ${fmt(f.baseline)} (${f.baselineLabel})  ratio ${fmt(f.ratio)}  ${goal}`
  )
  const d = /** @type {Record<string, any>} */ (f.details ?? {})
  switch (f.id) {
    case "provider-overhead": {
      const ip = d.inProcess
      const p = ip.perStepUs.provider
      const b = ip.perStepUs.bare
      console.log(
        `   round ratios ${d.roundRatios.join(", ")}; in-process simulator (reported, not a goal): ${fmt(ip.providerUs)} vs ${fmt(ip.bareUs)} µs/sign-in, ratio ${fmt(ip.ratio)}`
      )
      console.log(
        `   in-process µs per step: provider start ${fmt(p.start)} (bare lookup + start_verification ${fmt(b["start (lookup + start_verification)"])}), provider finish ${fmt(p.finish)} (bare authenticate ${fmt(b.authenticate)})`
      )
      if (d.before)
        console.log(
          `   before (${d.before.module}): loopback ratio ${fmt(d.before.loopback.ratio)} (${fmt(d.before.loopback.providerUs)} vs ${fmt(d.before.loopback.bareUs)} µs), in-process ratio ${fmt(d.before.inProcess.ratio)}; after: loopback ${fmt(d.ratio)}, in-process ${fmt(ip.ratio)}`
        )
      break
    }
    case "sealing":
      console.log(
        `   seal ${fmt(d.seal.ours)}/s vs ${fmt(d.seal.bare)}/s (ratio ${fmt(d.seal.ratio)}), unseal ${fmt(d.unseal.ours)}/s vs ${fmt(d.unseal.bare)}/s (ratio ${fmt(d.unseal.ratio)}); challenge ${d.challengeLength} chars`
      )
      break
    case "end-to-end": {
      for (const [label, m] of [
        ["with JavaScript (Next-Action)", d.js],
        ["without JavaScript (form post)", d.noJs],
      ]) {
        const l = m.latencyMs
        const u = m.unloadedMs
        console.log(
          `   ${label}: ${fmt(m.linkPerSecond)} vs ${fmt(m.baselinePerSecond)} sign-ins/s, ratio ${fmt(m.ratio)} (rounds ${m.roundRatios.join(", ")})`
        )
        console.log(
          `     p50/p99 ms: Link ${fmt(l.link.p50)}/${fmt(l.link.p99)} (email step ${fmt(l.linkEmailStep.p50)}/${fmt(l.linkEmailStep.p99)}, code step ${fmt(l.linkCodeStep.p50)}/${fmt(l.linkCodeStep.p99)}), baseline ${fmt(l.baseline.p50)}/${fmt(l.baseline.p99)}`
        )
        console.log(
          `     one at a time, ms: GET /login ${fmt(u.renderLogin)}, Link email step ${fmt(u.linkEmailStep)} + code step ${fmt(u.linkCodeStep)}, baseline ${fmt(u.baselineSignIn)}`
        )
      }
      break
    }
    case "page-weight":
      console.log(
        `   /login ${d.login.scriptCount} scripts, / ${d.home.scriptCount} scripts; brotli-11 ratio ${d.brotliRatio}; Auth.js built-in sign-in page: 0 JS bytes, ${fmt(d.builtInSignInPage.htmlGzip)} bytes of gzipped HTML in all`
      )
      break
    case "client-entry-weight":
      for (const e of d.entries)
        console.log(
          `   ${e.label}: ${fmt(e.gzip)} bytes gzip (${fmt(e.raw)} minified, ${fmt(e.brotli)} brotli-11)${e.reportOnly ? "" : `, ${fmt(e.budgetRatio)} of the budget`}`
        )
      if (typeof d.servedByDemoShop === "object")
        console.log(
          `   the demo shop's /login adds ${d.servedByDemoShop.addedScripts.length} scripts to /: ${fmt(d.servedByDemoShop.wire)} bytes as served (${fmt(d.servedByDemoShop.formChunkWireBytes)} in the one with the form), ${fmt(d.servedByDemoShop.addedRawBytes)} uncompressed`
        )
      break
    case "link-calls":
    case "oauth-calls":
    case "oauth-throughput":
    case "better-auth-form":
    case "example-page-weight":
      console.log(`   ${d.summary}`)
      break
    case "better-auth-next-form":
      console.log(
        `   round ratios ${d.roundRatios.join(", ")}; ${d.users} users, ${d.rounds} rounds of ${d.roundMs} ms`
      )
      break
    case "simulator-throughput":
      console.log(
        `   latency p50/p99 ms: simulator ${d.latencyMs.simulator.p50}/${d.latencyMs.simulator.p99}, hello ${d.latencyMs.hello.p50}/${d.latencyMs.hello.p99}; round ratios ${d.roundRatios.join(", ")}`
      )
      if (d.cpuRatio !== undefined)
        console.log(
          `   server CPU per request: simulator ${fmt(d.cpuUsPerRequest.simulator)} µs, hello ${fmt(d.cpuUsPerRequest.hello)} µs (hello/simulator ${fmt(d.cpuRatio)}: the simulator's own cost, less moved by other load)`
        )
      break
  }
}

/**
 * @param {number} n
 * @param {() => Promise<import("./lib/stats.mjs").Figure>} make
 */
async function measure(n, make) {
  if (!only.has(n)) return
  try {
    const f = await make()
    figures.push(f)
    print(f)
  } catch (error) {
    const message =
      error instanceof Error ? (error.stack ?? error.message) : String(error)
    errors.push({ figure: n, error: message })
    console.error(`\nFigure ${n} failed: ${message}`)
  }
}

await measure(1, async () => {
  const { providerOverhead } = await import("./cases/provider-overhead.mjs")
  return providerOverhead({ quick })
})
await measure(2, async () => {
  const { sealing } = await import("./cases/sealing.mjs")
  return sealing({ quick })
})
await measure(6, async () => {
  const { throughput } = await import("./cases/throughput.mjs")
  return throughput({ quick })
})
await measure(7, async () => {
  const { linkVsEmailOtp } = await import("./cases/link-vs-email-otp.mjs")
  return linkVsEmailOtp({ quick })
})
// Figures 9 and 10: Link's own OAuth page (LinkOAuth), in bench/cases/oauth.mjs.
await measure(9, async () => {
  const { oauthCalls } = await import("./cases/oauth.mjs")
  return oauthCalls()
})
await measure(10, async () => {
  const { oauthThroughput } = await import("./cases/oauth.mjs")
  return oauthThroughput({ quick })
})
// Figure 12, only when asked for (--only=12): the Next + Better Auth example's own build.
await measure(12, async () => {
  const { examplePageWeight } = await import("./cases/example-page-weight.mjs")
  return examplePageWeight()
})
// Figure 13, only when asked for (--only=13): the same comparison through the Next + Better Auth
// example's server actions (it rebuilds a copy of the packed example: minutes).
await measure(13, async () => {
  const { betterAuthNextForm } =
    await import("./cases/better-auth-next-form.mjs")
  return betterAuthNextForm({ quick, users, build: !flag("no-build") })
})
// Figure 11: the form with JavaScript on Better Auth vs email and password, same server.
await measure(11, async () => {
  const { betterAuthForm } = await import("./cases/better-auth-form.mjs")
  return betterAuthForm({ quick })
})

/** @type {Parameters<typeof import("./cases/link-calls.mjs").linkCalls>[0]} */
const linkCallsOptions = {}
const shopFigures = only.has(3) || only.has(4)
// Figure 8 bundles each driver's client entry; with the shop up it also weighs what /login serves.
if (!shopFigures)
  await measure(8, async () => {
    const { clientEntryWeight } = await import("./cases/page-weight.mjs")
    return clientEntryWeight()
  })
if (shopFigures) {
  const { buildShop, prepareShop, startShop } = await import("./lib/shop.mjs")
  const people = 20_000
  /** @type {import("./lib/procs.mjs").Child | undefined} */
  let sim
  /** @type {import("./lib/procs.mjs").Child | undefined} */
  let shopChild
  try {
    const t0 = performance.now()
    const { dir, overlay } = flag("no-build")
      ? existsSync(join(BENCH_DIR, ".shop", ".next"))
        ? { dir: join(BENCH_DIR, ".shop"), overlay: true }
        : { dir: join(ROOT, "apps", "demo-shop"), overlay: false }
      : prepareShop({ fromHead: flag("shop-from-head") })
    if (!flag("no-build")) {
      console.log(
        `\nBuilding the shop (next build${overlay ? ", a copy in bench/.shop with the baseline provider of bench/shop-overlay" : ""}) ...`
      )
      await buildShop(dir)
      console.log(`   built in ${fmt((performance.now() - t0) / 1000)} s`)
    }
    sim = startChild(process.execPath, [
      join(BENCH_DIR, "lib", "server-child.mjs"),
      "simulator",
      JSON.stringify({ people }),
    ])
    const { url: simUrl, apiUrl } =
      /** @type {{ url: string, apiUrl: string }} */ (await readyLine(sim))
    const shop = await startShop(dir, apiUrl)
    shopChild = shop.child
    await measure(4, async () => {
      const { pageWeight4 } = await import("./cases/page-weight.mjs")
      return pageWeight4({ shopUrl: shop.url })
    })
    await measure(8, async () => {
      const { clientEntryWeight } = await import("./cases/page-weight.mjs")
      return clientEntryWeight({ shopUrl: shop.url })
    })
    await measure(3, async () => {
      const { endToEnd } = await import("./cases/end-to-end.mjs")
      const out = await endToEnd({
        shopUrl: shop.url,
        shopDir: dir,
        simUrl,
        quick,
        users,
        people,
      })
      linkCallsOptions.viaShop = out.linkCalls
      return out.figure
    })
  } catch (error) {
    const message =
      error instanceof Error ? (error.stack ?? error.message) : String(error)
    errors.push({ figure: 3, error: message })
    console.error(`\nThe shop could not be built or started: ${message}`)
  } finally {
    await shopChild?.stop()
    await sim?.stop()
    // The copy would otherwise be linted with the workspace; --keep-shop keeps it for --no-build.
    if (!flag("keep-shop"))
      rmSync(join(BENCH_DIR, ".shop"), { recursive: true, force: true })
  }
}
await measure(5, async () => {
  const { linkCalls } = await import("./cases/link-calls.mjs")
  return linkCalls(linkCallsOptions)
})

figures.sort((a, b) => a.title.localeCompare(b.title))
const seconds = (performance.now() - started) / 1000
const results = {
  date: new Date().toISOString(),
  command: `node bench/run.mjs ${args.join(" ")}`.trim(),
  machine,
  seconds: Math.round(seconds),
  loadAverageAtEnd: (await import("node:os"))
    .loadavg()
    .map((x) => Math.round(x * 100) / 100),
  figures,
  errors,
}
mkdirSync(join(BENCH_DIR, "results"), { recursive: true })
writeFileSync(
  join(BENCH_DIR, "results", "latest.json"),
  `${JSON.stringify(results, null, 2)}\n`
)

console.log(
  `\nSummary (${fmt(seconds)} s; results in bench/results/latest.json)`
)
for (const f of figures) {
  const status = f.goal ? (f.met ? "met" : "MISSED") : "-"
  console.log(
    `   ${f.title.split(":")[0]?.padEnd(40)} ratio ${String(fmt(f.ratio)).padStart(7)}  ${status}`
  )
}
if (flag("markdown")) {
  console.log("\n| Figure | Measured | Baseline | Ratio | Goal | |")
  console.log("|---|---|---|---|---|---|")
  for (const f of figures) {
    const goal = f.goal
      ? f.goal.op === "=="
        ? `exactly ${f.baseline}`
        : `${f.goal.op.replace("<=", "≤").replace(">=", "≥")} ${f.goal.target}`
      : "-"
    console.log(
      `| ${f.title.split(":")[0]} | ${fmt(f.value)} ${f.unit} | ${fmt(f.baseline)} (${f.baselineLabel}) | ${fmt(f.ratio)} | ${goal} | ${f.goal ? (f.met ? "met" : "**missed**") : ""} |`
    )
  }
}
killChildren()
if (errors.length > 0) {
  console.error(
    `\n${errors.length} figure(s) failed: ${errors.map((e) => e.figure).join(", ")}`
  )
  process.exitCode = 1
}
