/**
 * Builds the workspace packages the benchmarks load from their dist/: every `workspace:`
 * dependency of the bench and of the demo shop (figures 3, 4 and 8 build it), and theirs in turn.
 * A package is rebuilt when its entry is missing or older than its src/. Imports nothing from the
 * workspace, so it runs on a fresh clone before anything is built.
 * @module
 */
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..")

/** @param {string} dir @returns {any} */
const manifest = (dir) =>
  JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))

/** Newest modification time under `dir` (files only), 0 if absent. */
function newest(/** @type {string} */ dir) {
  if (!existsSync(dir)) return 0
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(
      latest,
      entry.isDirectory() ? newest(path) : statSync(path).mtimeMs
    )
  }
  return latest
}

/** The workspace's packages/*, by name. */
function workspacePackages() {
  /** @type {Map<string, { dir: string, pkg: any }>} */
  const byName = new Map()
  for (const name of readdirSync(join(ROOT, "packages"))) {
    const dir = join(ROOT, "packages", name)
    if (!existsSync(join(dir, "package.json"))) continue
    const pkg = manifest(dir)
    byName.set(pkg.name, { dir, pkg })
  }
  return byName
}

/** Names of the workspace packages `roots` need at run time, transitively. */
export function neededPackages(
  roots = [join(ROOT, "bench"), join(ROOT, "apps", "demo-shop")]
) {
  const all = workspacePackages()
  /** @type {Set<string>} */
  const needed = new Set()
  /** @param {any} pkg */
  const visit = (pkg) => {
    const deps = { ...pkg.dependencies, ...pkg.peerDependencies }
    for (const [name, range] of Object.entries(deps)) {
      const local = all.get(name)
      if (!local || needed.has(name)) continue
      // A peer is only followed when the workspace provides it (dev dependency workspace:*).
      if (
        !String(range).startsWith("workspace:") &&
        !pkg.devDependencies?.[name]?.startsWith?.("workspace:")
      )
        continue
      needed.add(name)
      visit(local.pkg)
    }
  }
  for (const dir of roots) visit(manifest(dir))
  return [...needed].map(
    (name) => /** @type {{ dir: string, pkg: any }} */ (all.get(name))
  )
}

/** The file `import "<name>"` loads. */
function entryOf(/** @type {{ dir: string, pkg: any }} */ { dir, pkg }) {
  const root = pkg.exports?.["."]
  const target =
    typeof root === "string"
      ? root
      : (root?.default ?? root?.import ?? pkg.main)
  return join(dir, target ?? "dist/index.js")
}

/** Builds what is missing or stale; returns the names built. */
export function buildWhatBenchImports() {
  const stale = neededPackages().filter((p) => {
    const entry = entryOf(p)
    return (
      !existsSync(entry) || newest(join(p.dir, "src")) > statSync(entry).mtimeMs
    )
  })
  if (stale.length === 0) return []
  const names = stale.map((p) => p.pkg.name)
  console.log(
    `Building ${names.join(", ")} (dist missing or older than src) ...`
  )
  execFileSync(
    "pnpm",
    names.flatMap((name) => ["--filter", name]).concat("build"),
    { cwd: ROOT, stdio: "inherit" }
  )
  return names
}
