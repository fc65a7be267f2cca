#!/usr/bin/env node
/**
 * `pnpm test:example`: the example apps as npm users get them. Packs our packages with
 * `pnpm pack` once, then for each app (at once, `--jobs` at a time): copies it to a temporary
 * folder, `npm install`s the tarballs there (the app's other dependencies from the npm registry,
 * through npm's cache), prepares it (below), builds it; then runs each app's browser journeys,
 * one app after the other (Playwright starts the Link simulator and the app).
 *
 * - existing-app: a next-auth app before Login with Link. Adds Login with Link with exactly the
 *   lines of the @login-with-link/next README, type-checks, puts the README's page beside other
 *   providers and its "Continue with Link" variant (Link's own OAuth page), `next build`;
 *   existing-app.spec.ts (two copies of @auth/core, GitHub, the code path and OAuth).
 * - better-auth-next-app: Next.js + Better Auth, with Login with Link as the
 *   @login-with-link/better-auth README's Next.js block has it (checked first); `next build`;
 *   better-auth-next-app.spec.ts, JavaScript on and off.
 * - better-auth-vite-app: Vite + React + a Better Auth server, with the README's client-only block
 *   (checked first); `tsc` and `vite build`; better-auth-vite-app.spec.ts.
 *
 *   node examples/test/run.mjs [--app <name>]... [--as-is] [--reuse] [--jobs <n>] [-- <playwright args>]
 *
 * --app    only this app (repeatable); default: all three
 * --as-is  existing-app as it is, before Login with Link (GitHub only): no README lines applied
 * --reuse  skip pack, install and build: test the copies the last run left in the temporary folder
 * --jobs   how many apps install and build at once (default 3; `next build` takes ~1.5 GB)
 *
 * The copies stay in $TMPDIR/login-with-link-examples/<app>[-as-is]/app for a look after a failure.
 * @module
 */
import { spawn } from "node:child_process"
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { basename, dirname, join, relative } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import {
  addLoginWithLink,
  addOAuthVariant,
  pageBesideOtherProviders,
} from "./readme-lines.mjs"
import { checkBetterAuthBlocks } from "./readme-blocks.mjs"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const WORK = join(tmpdir(), "login-with-link-examples")
const SECRET = "example-test-only-secret-not-for-production-0123456789"

/** `[node, [<app>/node_modules/<bin>, ...args]]`: a package's bin, run by this Node. */
const nodeBin = (appDir, bin, args) => [
  process.execPath,
  [join(appDir, "node_modules", ...bin.split("/")), ...args],
]

/**
 * The apps: what each installs from our packages (their @login-with-link/* dependencies come
 * along), how it is prepared and built, and its Playwright config.
 */
const APPS = {
  "existing-app": {
    installed: ["@login-with-link/next", "@login-with-link/provider"],
    config: "playwright.config.ts",
    env: {
      AUTH_SECRET: SECRET,
      AUTH_LINK_KEY: "pk_test_existing_app",
      // The simulator's dev client (LinkOAuth() checks its options when auth.ts loads).
      AUTH_LINK_OAUTH_ID: "shop_dev",
      AUTH_LINK_OAUTH_SECRET: "shop_dev_secret",
    },
    prepare: (appDir, log) => [
      [
        "add Login with Link: the README's block",
        () => addLoginWithLink(ROOT, appDir).forEach((l) => log(`  ${l}`)),
      ],
      [
        "tsc --noEmit: the app with the block as it is",
        ...nodeBin(appDir, "typescript/bin/tsc", ["--noEmit"]),
      ],
      [
        "the README's login page beside other providers",
        () =>
          pageBesideOtherProviders(ROOT, appDir).forEach((l) => log(`  ${l}`)),
      ],
      [
        "Continue with Link (Link's own page, OAuth): the README's variant",
        () => addOAuthVariant(ROOT, appDir).forEach((l) => log(`  ${l}`)),
      ],
    ],
    build: (appDir) => [
      "next build",
      ...nodeBin(appDir, "next/dist/bin/next", ["build"]),
    ],
  },
  "better-auth-next-app": {
    installed: ["@login-with-link/better-auth", "@login-with-link/react"],
    config: "better-auth-next-app.config.ts",
    env: {
      BETTER_AUTH_SECRET: SECRET,
      AUTH_LINK_KEY: "pk_test_better_auth_next",
    },
    build: (appDir) => [
      "next build",
      ...nodeBin(appDir, "next/dist/bin/next", ["build"]),
    ],
  },
  "better-auth-vite-app": {
    installed: ["@login-with-link/better-auth", "@login-with-link/react"],
    config: "better-auth-vite-app.config.ts",
    env: {
      BETTER_AUTH_SECRET: SECRET,
      AUTH_LINK_KEY: "pk_test_better_auth_vite",
    },
    prepare: (appDir) => [
      ["tsc --noEmit", ...nodeBin(appDir, "typescript/bin/tsc", ["--noEmit"])],
    ],
    build: (appDir) => [
      "vite build",
      ...nodeBin(appDir, "vite/bin/vite.js", ["build"]),
    ],
  },
}

const { values, positionals } = parseArgs({
  options: {
    app: { type: "string", multiple: true },
    "as-is": { type: "boolean" },
    reuse: { type: "boolean" },
    jobs: { type: "string" },
  },
  allowPositionals: true,
})
const playwrightArgs = positionals
const asIs = Boolean(values["as-is"])
const reuse = Boolean(values.reuse)
const jobs = Math.max(1, Number(values.jobs ?? 3))
const names = values.app ?? (asIs ? ["existing-app"] : Object.keys(APPS))
for (const name of names)
  if (!APPS[name])
    throw new Error(`--app ${name}: not one of ${Object.keys(APPS).join(", ")}`)
if (asIs && names.some((name) => name !== "existing-app"))
  throw new Error("--as-is is for existing-app only")

const packDir = join(WORK, asIs ? "packs-as-is" : "packs")
const appDirOf = (name) => join(WORK, `${name}${asIs ? "-as-is" : ""}`, "app")
/** [app, step, ms] */
const timings = []
const started = performance.now()

/**
 * Runs a command, its output prefixed with `[app]` (`quiet`: shown only if it fails); rejects on
 * a non-zero exit.
 */
function run(prefix, command, args, cwd, env = process.env, quiet = false) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    const held = []
    const relay = (stream, out) => {
      let rest = ""
      const write = (line) =>
        quiet ? held.push([out, line]) : out.write(`${prefix}${line}\n`)
      stream.on("data", (chunk) => {
        const lines = (rest + chunk).split("\n")
        rest = lines.pop()
        lines.forEach(write)
      })
      stream.on("end", () => rest && write(rest))
    }
    relay(child.stdout, process.stdout)
    relay(child.stderr, process.stderr)
    child.on("error", reject)
    child.on("close", (code, signal) => {
      if (code !== 0)
        for (const [out, line] of held) out.write(`${prefix}${line}\n`)
      return code === 0
        ? resolve()
        : reject(
            new Error(
              `${basename(command)} ${args.map((a) => relative(cwd, a) || a).join(" ")} failed in ${cwd} (exit ${code ?? signal})`
            )
          )
    })
  })
}

/** Runs a step of an app (a function or [command, args]) and records its wall time. */
async function step(app, name, work) {
  const prefix = `[${app}] `
  console.log(`${prefix}▶ ${name}`)
  const t0 = performance.now()
  await work(prefix)
  timings.push([app, name, performance.now() - t0])
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

/** The tarballs of `names` and their @login-with-link/* dependencies, from `packDir`. */
function tarballsOf(names) {
  const files = readdirSync(packDir)
  return packageDirs(names).map((dir) => {
    const { name, version } = JSON.parse(
      readFileSync(join(dir, "package.json"), "utf8")
    )
    const file = `${name.replace("@", "").replace("/", "-")}-${version}.tgz`
    if (!files.includes(file)) throw new Error(`${file} was not packed`)
    return join(packDir, file)
  })
}

/** Copy, install, prepare and build one app. */
async function installAndBuild(name) {
  const app = APPS[name]
  const appDir = appDirOf(name)
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...app.env }
  const exec = (prefix, [command, args]) =>
    run(prefix, command, args, appDir, env)
  await step(name, `copy examples/${name}`, async () => {
    await rm(dirname(appDir), { recursive: true, force: true })
    cpSync(join(ROOT, "examples", name), appDir, {
      recursive: true,
      filter: (source) =>
        ![
          "node_modules",
          ".next",
          ".data",
          "dist",
          "next-env.d.ts",
          "tsconfig.tsbuildinfo",
          ".env",
          ".env.local",
        ].includes(basename(source)),
    })
    // Our packages are not on the registry: the app lists them, the tarballs replace them.
    const manifestFile = join(appDir, "package.json")
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"))
    for (const dep of Object.keys(manifest.dependencies ?? {}))
      if (dep.startsWith("@login-with-link/")) delete manifest.dependencies[dep]
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`)
  })

  const tarballs = asIs ? [] : tarballsOf(app.installed)
  await step(
    name,
    `npm install ${tarballs.map((t) => basename(t)).join(" ")}`,
    (prefix) =>
      run(
        prefix,
        "npm",
        [
          "install",
          "--prefer-offline",
          "--no-audit",
          "--no-fund",
          "--loglevel=error",
          ...tarballs.map((t) => relative(appDir, t)),
        ],
        appDir
      )
  )

  if (!asIs && app.prepare) {
    const log = (line) => console.log(`[${name}] ${line}`)
    for (const [label, ...work] of app.prepare(appDir, log))
      await step(name, label, (prefix) =>
        typeof work[0] === "function" ? work[0]() : exec(prefix, work)
      )
  }
  const [label, ...build] = app.build(appDir)
  await step(name, label, (prefix) => exec(prefix, build))
}

/** Runs `work` over `items`, `limit` at a time; every item runs even if one fails. */
async function pool(items, limit, work) {
  const queue = [...items]
  const failures = []
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift())
      await work(item).catch((error) => failures.push([item, error]))
  }
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  )
  return failures
}

const failed = []
if (!reuse) {
  if (!asIs && names.some((name) => name !== "existing-app"))
    await step(
      "examples",
      "README blocks are what the examples use",
      async (prefix) => {
        for (const line of checkBetterAuthBlocks(ROOT))
          console.log(`${prefix}${line}`)
      }
    )

  rmSync(packDir, { recursive: true, force: true })
  mkdirSync(packDir, { recursive: true })
  const wanted = asIs
    ? []
    : [...new Set(names.flatMap((name) => APPS[name].installed))]
  await step("examples", "pnpm pack", async (prefix) => {
    for (const dir of packageDirs(wanted)) {
      if (!existsSync(join(dir, "dist")))
        throw new Error(
          `${relative(ROOT, dir)}/dist is missing: run \`pnpm build\` first`
        )
      await run(
        prefix,
        "pnpm",
        ["pack", "--pack-destination", packDir],
        dir,
        process.env,
        true
      )
      console.log(`${prefix}  ${relative(ROOT, dir)}`)
    }
  })

  for (const [name, error] of await pool(names, jobs, installAndBuild)) {
    console.error(`[${name}] ${error.message}`)
    failed.push(name)
  }
} else {
  for (const name of names)
    if (
      !existsSync(
        join(
          appDirOf(name),
          APPS[name].config.includes("vite") ? "dist" : ".next"
        )
      )
    )
      throw new Error(
        `--reuse: no build in ${appDirOf(name)}; run without --reuse first`
      )
}

for (const name of names.filter((n) => !failed.includes(n))) {
  const app = APPS[name]
  await step(name, "Playwright", async (prefix) => {
    await run(
      prefix,
      process.execPath,
      [
        join(ROOT, "node_modules", "@playwright", "test", "cli.js"),
        "test",
        "-c",
        join(ROOT, "examples", "test", app.config),
        ...playwrightArgs,
      ],
      ROOT,
      {
        ...process.env,
        ...app.env,
        EXAMPLE_APP_DIR: appDirOf(name),
        EXAMPLE_WITH_LINK: asIs ? "" : "1",
      }
    ).catch((error) => {
      console.error(`${prefix}${error.message}`)
      failed.push(name)
    })
  })
}

const total = performance.now() - started
console.log("\nexamples, wall time per step:")
for (const [app, name, ms] of timings)
  console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${app}: ${name}`)
console.log(`  ${(total / 1000).toFixed(1).padStart(6)} s  total`)
if (failed.length > 0) {
  for (const name of failed)
    console.error(`\n${name} failed; the app tested is in ${appDirOf(name)}`)
  process.exit(1)
}
