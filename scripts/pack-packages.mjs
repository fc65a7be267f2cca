#!/usr/bin/env node
/**
 * `pnpm pack:packages`: packs every public package with `pnpm pack` into `packs/` (a version-less
 * name, e.g. `packs/login-with-link-next.tgz`), the way to install them until the
 * `@login-with-link` scope is published, and prints the `npm install` line for each.
 *
 *   node scripts/pack-packages.mjs [--check]
 *
 * --check  also what `.ci/run` requires of each package before it can be published:
 *          `publint --strict` and `attw --profile esm-only` on the tarball, `pnpm publish
 *          --dry-run`, a LICENSE and a CHANGELOG.md (no hand-written "Unreleased" section: the
 *          changesets are the release notes), peer ranges capped at the next major, and a README that
 *          installs from the tarballs rather than from npm.
 *
 * Packages are packed from their dist/: run `pnpm build` first (`pnpm pack:packages` does).
 * @module
 */
import { execFile } from "node:child_process"
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs"
import { join, relative } from "node:path"
import { performance } from "node:perf_hooks"
import { promisify } from "node:util"
import {
  installSet,
  publicPackages,
  ROOT,
  tarballName,
} from "./lib/public-packages.mjs"

const run = promisify(execFile)
const check = process.argv.includes("--check")
const PACKS = join(ROOT, "packs")
const bin = (/** @type {string} */ name) =>
  join(ROOT, "node_modules", ".bin", name)

/**
 * A peer range with an upper bound in every `||` alternative: `^x`, `~x`, `<x`, an exact version
 * or a workspace range (pnpm writes `^x` into the tarball).
 */
function capped(/** @type {string} */ range) {
  return range
    .split("||")
    .map((part) => part.trim())
    .every(
      (part) =>
        /^(\^|~|workspace:[\^~])/.test(part) ||
        /<=?\s*\d/.test(part) ||
        /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(part)
    )
}

/** Lines of a README that install one of our packages from the npm registry. */
const REGISTRY_INSTALL =
  /^.*\b(npm (?:install|i|add)|pnpm add|yarn add|bun add)\b[^\n]*?(?<![\w/.-])@login-with-link\/[a-z-]+(?!\S*\.tgz).*$/gm

/**
 * @param {import("./lib/public-packages.mjs").PublicPackage} pkg
 * @returns {Promise<string[]>} the problems found
 */
async function checkPackage(pkg) {
  /** @type {string[]} */
  const problems = []
  const tarball = join(PACKS, tarballName(pkg.name))
  /** @param {string} label @param {string} command @param {string[]} args @param {string} [cwd] */
  const tool = async (label, command, args, cwd = ROOT) => {
    try {
      await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 })
    } catch (error) {
      const e = /** @type {{ stdout?: string, stderr?: string }} */ (error)
      problems.push(`${label} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`)
    }
  }
  await tool("publint --strict", bin("publint"), ["run", tarball, "--strict"])
  // ESM only, as every package is ("type": "module", no require condition): a CommonJS
  // require() of it is not a goal, so attw's node10 and node16-from-CJS columns are ignored.
  // Exports that are not modules (a stylesheet, package.json) have no types to check.
  const notModules = Object.entries(pkg.manifest.exports ?? {})
    .filter(
      ([, target]) => typeof target === "string" && !/\.[cm]?js$/.test(target)
    )
    .map(([entry]) => entry)
  await tool("attw", bin("attw"), [
    tarball,
    "--profile",
    "esm-only",
    "--format",
    "ascii",
    ...(notModules.length > 0 ? ["--exclude-entrypoints", ...notModules] : []),
  ])
  await tool(
    "pnpm publish --dry-run",
    "pnpm",
    ["publish", "--dry-run", "--no-git-checks", "--access", "public"],
    pkg.dir
  )
  if (!existsSync(join(pkg.dir, "LICENSE")))
    problems.push(
      "no LICENSE (copy the repository's; npm packs it with the package)"
    )
  const changelog = join(pkg.dir, "CHANGELOG.md")
  if (!existsSync(changelog))
    problems.push(
      "no CHANGELOG.md (Changesets writes into it: start it with `# <name>`)"
    )
  else if (/^#+\s*unreleased\b/im.test(readFileSync(changelog, "utf8")))
    problems.push(
      "CHANGELOG.md has a hand-written Unreleased section: write it as changesets (`pnpm changeset`), the one source of each release's notes"
    )
  for (const [peer, range] of Object.entries(
    /** @type {Record<string, string>} */ (pkg.manifest.peerDependencies ?? {})
  )) {
    if (!capped(range))
      problems.push(
        `peer ${peer} "${range}" is open-ended: cap it at the next major (e.g. "^x.y.z")`
      )
  }
  const readme = join(pkg.dir, "README.md")
  if (existsSync(readme)) {
    const lines = readFileSync(readme, "utf8").match(REGISTRY_INSTALL) ?? []
    for (const line of lines)
      problems.push(
        `README installs from npm, where the scope is not published yet: ${line.trim()} (install the pnpm pack tarballs; see the root README)`
      )
  }
  return problems
}

const started = performance.now()
const packages = publicPackages()
const missing = packages.filter((p) => !existsSync(join(p.dir, "dist")))
if (missing.length > 0) {
  console.error(
    `No dist/ in ${missing.map((p) => p.name).join(", ")}: run \`pnpm build\` first.`
  )
  process.exit(1)
}

rmSync(PACKS, { recursive: true, force: true })
mkdirSync(PACKS, { recursive: true })
for (const pkg of packages) {
  const { stdout } = await run(
    "pnpm",
    ["pack", "--pack-destination", PACKS, "--json"],
    { cwd: pkg.dir }
  )
  const packed = JSON.parse(stdout).filename
  renameSync(packed, join(PACKS, tarballName(pkg.name)))
}
console.log(
  `Packed ${packages.length} packages into ${relative(ROOT, PACKS)}/:`
)
for (const pkg of packages) {
  const files = installSet(pkg.name, packages)
    .map((name) => join(relative(ROOT, PACKS), tarballName(name)))
    .join(" ")
  console.log(`  ${pkg.name}@${pkg.version}: npm install ${files}`)
}

if (check) {
  let failed = 0
  // Two at a time: each step is a short process of its own, mostly waiting on the disk.
  /** @type {[typeof packages[number], string[]][]} */
  const results = []
  const queue = [...packages]
  await Promise.all(
    [0, 1].map(async () => {
      for (let pkg = queue.shift(); pkg; pkg = queue.shift())
        results.push([pkg, await checkPackage(pkg)])
    })
  )
  console.log("")
  for (const [pkg, problems] of results.sort((a, b) =>
    a[0].name.localeCompare(b[0].name)
  )) {
    if (problems.length === 0) {
      console.log(
        `  ok   ${pkg.name}: publint, attw, publish --dry-run, LICENSE, CHANGELOG, peers, README`
      )
      continue
    }
    failed++
    console.log(`  FAIL ${pkg.name}`)
    for (const p of problems)
      console.log(`       - ${p.replace(/\n/g, "\n         ")}`)
  }
  console.log(
    `\n${packages.length - failed} of ${packages.length} packages ready to publish (${((performance.now() - started) / 1000).toFixed(1)} s)`
  )
  if (failed > 0) process.exitCode = 1
}
