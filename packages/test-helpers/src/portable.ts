/**
 * `assertPortable()`: the check that a library entry runs on any runtime and framework. It walks
 * the module graph of an entry's TypeScript source (relative imports, static and dynamic, and
 * re-exports) and throws, listing every offence, when a module reached imports something not
 * allowed (a Node built-in, `next`, `next-auth`, `@auth/*` or any package not named), or reads
 * `process.env` outside the files allowed to. Comments are not code: TSDoc examples may mention
 * anything.
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs"
import { builtinModules } from "node:module"
import { dirname, relative, resolve } from "node:path"

/** Options of {@link assertPortable}. */
export interface PortableOptions {
  /**
   * Packages (or package subpaths) the modules may import, e.g. `["zod", "jose"]`. A package
   * allows its subpaths too (`"@auth/core"` allows `"@auth/core/errors"`).
   * @default []
   */
  allow?: readonly string[]
  /**
   * Whether `import type` / `export type` count: `"check"` (the types must not need another
   * package either) or `"ignore"` (erased from the build, so any types may be used).
   * @default "check"
   */
  typeImports?: "check" | "ignore"
  /**
   * Files (relative to the entry's folder) that may read `process.env`, the one env reader.
   * @default []
   */
  envReaders?: readonly string[]
}

/** What {@link assertPortable} found. */
export interface PortableReport {
  /** The modules reached from the entry, relative to its folder (`index.ts`, `challenge.ts`, ...). */
  reached: string[]
  /** The bare specifiers imported, each once. */
  packages: string[]
}

// Static imports and re-exports (`import x from`, `export * from`, `import "x"`), dynamic imports
// and require calls.
const IMPORT =
  /\b(?:import|export)\s+(type\s+)?(?:[^"'`;]*?\sfrom\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']/g
const PROCESS_ENV = /\bprocess\s*\??\.\s*env\b/
const FORBIDDEN = /^(?:node:|next(?:\/|$)|next-auth(?:\/|$)|@auth\/)/
const BUILTINS = new Set(builtinModules)

/** The source without comments (strings that hold `//`, such as URLs, are kept). */
export function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1")
}

function resolveModule(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [
    base.replace(/\.(?:js|mjs)$/, ".ts"),
    base.replace(/\.(?:jsx)$/, ".tsx"),
    base,
    `${base}.ts`,
    `${base}.tsx`,
    resolve(base, "index.ts"),
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not this one
    }
  }
  throw new Error(`assertPortable: cannot resolve "${specifier}" from ${from}`)
}

function packageAllowed(specifier: string, allow: readonly string[]) {
  return allow.some(
    (name) => specifier === name || specifier.startsWith(`${name}/`)
  )
}

/**
 * Walk the module graph of `entry` (a `.ts` file) and throw an `Error` listing every import a
 * portable library may not have, and every `process.env` read outside `envReaders`.
 *
 * @example
 * ```ts
 * const { reached } = assertPortable(join(import.meta.dirname, "../src/index.ts"), {
 *   allow: ["zod", "jose"],
 *   envReaders: ["env.ts"],
 * })
 * expect(reached).not.toContain("redis-rate-limiter.ts")
 * ```
 */
export function assertPortable(
  entry: string,
  options: PortableOptions = {}
): PortableReport {
  const allow = options.allow ?? []
  const envReaders = new Set(options.envReaders ?? [])
  const root = dirname(entry)
  const seen = new Set<string>()
  const packages = new Set<string>()
  const offences: string[] = []
  const queue = [resolve(entry)]
  while (queue.length > 0) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    const name = relative(root, file)
    const text = stripComments(readFileSync(file, "utf8"))
    if (PROCESS_ENV.test(text) && !envReaders.has(name)) {
      offences.push(`${name}: reads process.env`)
    }
    for (const match of text.matchAll(IMPORT)) {
      const typeOnly = match[1] !== undefined
      const specifier = match[2] ?? match[3] ?? match[4] ?? ""
      if (specifier.startsWith(".")) {
        // A type-only import of a module still checks that module when types are checked.
        if (!typeOnly || options.typeImports !== "ignore")
          queue.push(resolveModule(file, specifier))
        continue
      }
      if (typeOnly && options.typeImports === "ignore") continue
      packages.add(specifier)
      const builtin = BUILTINS.has(specifier.split("/")[0] ?? specifier)
      if (FORBIDDEN.test(specifier) && !packageAllowed(specifier, allow)) {
        offences.push(`${name}: imports ${specifier}`)
      } else if (builtin) {
        offences.push(`${name}: imports the Node built-in ${specifier}`)
      } else if (!packageAllowed(specifier, allow)) {
        offences.push(`${name}: imports ${specifier}, which is not allowed`)
      }
    }
  }
  if (offences.length > 0) {
    throw new Error(
      `${relative(process.cwd(), entry)} is not portable:\n  ${offences.join("\n  ")}`
    )
  }
  return {
    reached: [...seen].map((file) => relative(root, file)).sort(),
    packages: [...packages].sort(),
  }
}
