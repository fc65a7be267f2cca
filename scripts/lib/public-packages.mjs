/**
 * The workspace's public packages (every package.json without `"private": true`), as pnpm lists
 * them, so that a package added later is picked up without a list to edit.
 * @module
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..")

/**
 * @typedef {object} PublicPackage
 * @property {string} name
 * @property {string} version
 * @property {string} dir
 * @property {Record<string, any>} manifest its package.json
 */

/** @returns {PublicPackage[]} sorted by name */
export function publicPackages() {
  const listed =
    /** @type {{ name: string, path: string, private?: boolean }[]} */ (
      JSON.parse(
        execFileSync("pnpm", ["ls", "-r", "--depth", "-1", "--json"], {
          cwd: ROOT,
          encoding: "utf8",
        })
      )
    )
  return listed
    .filter((p) => !p.private && p.path !== ROOT)
    .map((p) => {
      const manifest = JSON.parse(
        readFileSync(join(p.path, "package.json"), "utf8")
      )
      return {
        name: manifest.name,
        version: manifest.version,
        dir: p.path,
        manifest,
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** `@login-with-link/next` → `login-with-link-next.tgz`: the tarball's name, without a version. */
export const tarballName = (/** @type {string} */ name) =>
  `${name.replace(/^@/, "").replace("/", "-")}.tgz`

/**
 * The public packages `name` needs installed beside it (its @login-with-link dependencies and
 * peers, transitively), itself last.
 * @param {string} name
 * @param {PublicPackage[]} all
 * @returns {string[]}
 */
export function installSet(name, all) {
  const byName = new Map(all.map((p) => [p.name, p]))
  /** @type {string[]} */
  const order = []
  const visit = (/** @type {string} */ n) => {
    const pkg = byName.get(n)
    if (!pkg || order.includes(n)) return
    const { dependencies = {}, peerDependencies = {} } = pkg.manifest
    for (const dep of Object.keys({ ...dependencies, ...peerDependencies }))
      visit(dep)
    order.push(n)
  }
  visit(name)
  return order
}
