#!/usr/bin/env node
/**
 * `pnpm test:example`: examples/existing-app as an npm user gets it. Packs our packages with
 * `pnpm pack`, copies the app to a temporary folder, `npm install`s the tarballs there (the app's
 * other dependencies from the npm registry, through npm's cache), checks that two copies of
 * @auth/core are installed, adds Login with Link with exactly the lines of the
 * @login-with-link/next README, runs `next build`, then the browser journeys in
 * existing-app.spec.ts (Playwright starts the Link simulator, the GitHub stand-in and `next start`).
 *
 *   node examples/test/run.mjs [--as-is] [--reuse] [-- <playwright args>]
 *
 * --as-is  the app as it is, before Login with Link (GitHub only): no README lines applied
 * --reuse  skip pack, install and build: test the copy the last run left in the temporary folder
 *
 * The copy stays in $TMPDIR/login-with-link-existing-app[-as-is] for a look after a failure.
 * @module
 */
import { spawnSync } from "node:child_process"
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join, relative } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { addLoginWithLink, pageBesideOtherProviders } from "./readme-lines.mjs"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const APP_SOURCE = join(ROOT, "examples", "existing-app")
/** What the README tells an app to install; their @login-with-link/* dependencies come along. */
const INSTALLED = ["@login-with-link/next", "@login-with-link/provider"]

const separator = process.argv.indexOf("--")
const args =
  separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator)
const playwrightArgs = separator === -1 ? [] : process.argv.slice(separator + 1)
const asIs = args.includes("--as-is")
const reuse = args.includes("--reuse")

const work = join(
  tmpdir(),
  `login-with-link-existing-app${asIs ? "-as-is" : ""}`
)
const appDir = join(work, "app")
const packDir = join(work, "packs")
const timings = []
const started = performance.now()

/** Runs a step and records its wall time. */
function step(name, run) {
  console.log(`\n▶ ${name}`)
  const t0 = performance.now()
  const result = run()
  timings.push([name, performance.now() - t0])
  return result
}

function run(command, commandArgs, cwd, env = process.env) {
  const result = spawnSync(command, commandArgs, {
    cwd,
    env,
    stdio: "inherit",
  })
  if (result.status !== 0)
    throw new Error(
      `${command} ${commandArgs.join(" ")} failed in ${cwd} (exit ${result.status ?? result.signal})`
    )
}

/**
 * The folders of `names` and of every @login-with-link/* package they depend on (dependencies and
 * peers), found in packages/.
 */
function packageDirs(names) {
  const byName = new Map()
  for (const entry of readdirSync(join(ROOT, "packages"))) {
    const file = join(ROOT, "packages", entry, "package.json")
    if (!existsSync(file)) continue
    const manifest = JSON.parse(readFileSync(file, "utf8"))
    byName.set(manifest.name, { dir: dirname(file), manifest })
  }
  const wanted = new Set()
  const visit = (name) => {
    const found = byName.get(name)
    if (!found) throw new Error(`${name} is not in packages/`)
    if (wanted.has(found.dir)) return
    wanted.add(found.dir)
    const { dependencies = {}, peerDependencies = {} } = found.manifest
    for (const dep of Object.keys({ ...dependencies, ...peerDependencies }))
      if (dep.startsWith("@login-with-link/")) visit(dep)
  }
  names.forEach(visit)
  return [...wanted]
}

/** The environment the app is built with (the provider checks its options when auth.ts loads). */
const buildEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "example-test-only-secret-not-for-production-0123456789",
  AUTH_LINK_KEY: "pk_test_existing_app",
}

if (!reuse) {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(packDir, { recursive: true })

  const packed = step("pnpm pack", () => {
    for (const dir of packageDirs(asIs ? [] : INSTALLED)) {
      if (!existsSync(join(dir, "dist")))
        throw new Error(
          `${relative(ROOT, dir)}/dist is missing: run \`pnpm build\` first`
        )
      run("pnpm", ["pack", "--pack-destination", packDir], dir)
    }
    return readdirSync(packDir)
      .filter((f) => f.endsWith(".tgz"))
      .map((f) => join(packDir, f))
  })

  step("copy examples/existing-app", () => {
    cpSync(APP_SOURCE, appDir, {
      recursive: true,
      filter: (source) =>
        ![
          "node_modules",
          ".next",
          "next-env.d.ts",
          "tsconfig.tsbuildinfo",
          ".env",
          ".env.local",
        ].includes(basename(source)),
    })
  })

  step(`npm install ${packed.map((p) => basename(p)).join(" ")}`, () => {
    run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        ...packed.map((p) => relative(appDir, p)),
      ],
      appDir
    )
  })

  if (!asIs) {
    step("add Login with Link: the README's block", () => {
      for (const line of addLoginWithLink(ROOT, appDir))
        console.log(`  ${line}`)
    })
    step("tsc --noEmit: the app with the block as it is", () => {
      run(
        process.execPath,
        [join(appDir, "node_modules", "typescript", "bin", "tsc"), "--noEmit"],
        appDir
      )
    })
    step("the README's login page beside other providers", () => {
      for (const line of pageBesideOtherProviders(ROOT, appDir))
        console.log(`  ${line}`)
    })
  }

  step("next build", () => {
    run(
      process.execPath,
      [join(appDir, "node_modules", "next", "dist", "bin", "next"), "build"],
      appDir,
      buildEnv
    )
  })
} else if (!existsSync(join(appDir, ".next", "BUILD_ID"))) {
  console.error(`--reuse: no build in ${appDir}; run without --reuse first`)
  process.exit(1)
}

let failed = false
step("Playwright", () => {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "@playwright", "test", "cli.js"),
      "test",
      "-c",
      join(ROOT, "examples", "test", "playwright.config.ts"),
      ...playwrightArgs,
    ],
    {
      cwd: ROOT,
      stdio: "inherit",
      env: {
        ...buildEnv,
        EXAMPLE_APP_DIR: appDir,
        EXAMPLE_WITH_LINK: asIs ? "" : "1",
      },
    }
  )
  failed = result.status !== 0
})

const total = performance.now() - started
console.log("\nexamples/existing-app, wall time per step:")
for (const [name, ms] of timings)
  console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`)
console.log(`  ${(total / 1000).toFixed(1).padStart(6)} s  total`)
if (failed) {
  console.error(`\nThe app tested is in ${appDir}`)
  process.exit(1)
}
