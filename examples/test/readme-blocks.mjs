/**
 * The README blocks of @login-with-link/better-auth are what the examples use: each block (one
 * code block, a `// <file>` comment line before each file's lines) belongs to an example, and
 * every one of its lines is in that file of the example, in the same order (whitespace aside, and
 * a `plugins: [...]` line's entries among the app's own plugins). The Next.js block
 * (it imports `@login-with-link/better-auth/next`) is examples/better-auth-next-app's; the
 * client-only block (it uses `linkClientAction`) is examples/better-auth-vite-app's. A file the
 * example does not have at the block's path is looked for by its name (`auth.ts` is the Vite
 * app's `server/auth.ts`).
 *
 *   node examples/test/readme-blocks.mjs
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { basename, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { FILE_LINE, filesOf } from "./readme-lines.mjs"

const README = join("packages", "better-auth", "README.md")

/** Which example a block belongs to, by what it imports. */
const EXAMPLES = [
  {
    example: "better-auth-next-app",
    block: "the Next.js block",
    matches: (block) => block.includes('"@login-with-link/better-auth/next"'),
  },
  {
    example: "better-auth-vite-app",
    block: "the client-only block",
    matches: (block) => /\blinkClientAction\b/.test(block),
  },
]

/** Every code block of a Markdown file whose first line names a file. */
function fileBlocks(markdown) {
  return [...markdown.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)]
    .map((m) => m[1])
    .filter((block) => FILE_LINE.test(block.split("\n")[0]))
}

/** The example's files, as paths relative to its folder (no node_modules, builds or data). */
function sourceFiles(dir, under = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if ([".next", ".data", "dist", "node_modules"].includes(entry.name))
      return []
    const path = join(dir, entry.name)
    return entry.isDirectory()
      ? sourceFiles(path, under)
      : [relative(under, path)]
  })
}

/** The example's file a block's `// <file>` line names. */
function exampleFile(appDir, file) {
  if (existsSync(join(appDir, file))) return file
  const found = sourceFiles(appDir).filter(
    (path) => basename(path) === basename(file)
  )
  if (found.length !== 1)
    throw new Error(
      `${relative(process.cwd(), appDir)} has ${found.length === 0 ? "no" : "more than one"} ${file}`
    )
  return found[0]
}

/** Without whitespace: the same code however Prettier wrapped it. */
const squeeze = (text) => text.replace(/\s+/g, "")

/**
 * The entries of the app's `key: [...]` array (`plugins: [loginWithLink(), nextCookies()]`), or
 * undefined when the file has none.
 */
function arrayEntries(source, key) {
  const open = source.search(new RegExp(`\\b${key}:\\s*\\[`))
  if (open === -1) return undefined
  const bracket = source.indexOf("[", open)
  let depth = 0
  let end = bracket
  for (; end < source.length; end++) {
    if ("([{".includes(source[end])) depth++
    if (")]}".includes(source[end])) depth--
    if (depth === 0) break
  }
  return topLevel(source.slice(bracket + 1, end))
}

/** `a, b(c, d)` split at its top-level commas, without whitespace, empty ones dropped. */
function topLevel(text) {
  const items = [""]
  let depth = 0
  for (const char of squeeze(text)) {
    if ("([{".includes(char)) depth++
    if (")]}".includes(char)) depth--
    if (char === "," && depth === 0) items.push("")
    else items[items.length - 1] += char
  }
  return items.filter(Boolean)
}

/**
 * Whether `lines` (one file of a block) are in `source`, in order. Whitespace does not count
 * (Prettier may wrap a long line). A `key: [a, b],` line is also there when the app's own `key`
 * array has `a` and `b` among its entries: that is how a person adds `loginWithLink()` to the
 * plugins an app has already (`plugins: [loginWithLink(), nextCookies()]`).
 */
function missingLine(source, lines) {
  const text = squeeze(source)
  let at = 0
  for (const line of lines) {
    const wanted = squeeze(line)
    if (!wanted) continue
    const found = text.indexOf(wanted, at)
    if (found !== -1) {
      at = found + wanted.length
      continue
    }
    const array = /^\s*(\w+):\s*\[(.*)\],?\s*$/.exec(line)
    const mine = array && arrayEntries(source, array[1])
    if (mine && topLevel(array[2]).every((entry) => mine.includes(entry)))
      continue
    return line
  }
  return undefined
}

/** Checks every block; returns what it found, one line each. Throws on the first difference. */
export function checkBetterAuthBlocks(root) {
  const blocks = fileBlocks(readFileSync(join(root, README), "utf8"))
  const done = []
  for (const { example, block: label, matches } of EXAMPLES) {
    const block = blocks.find(matches)
    if (!block) throw new Error(`${README}: no ${label} found`)
    const appDir = join(root, "examples", example)
    const files = filesOf(block)
    let count = 0
    for (const [file, lines] of files) {
      const path = exampleFile(appDir, file)
      const missing = missingLine(
        readFileSync(join(appDir, path), "utf8"),
        lines
      )
      if (missing !== undefined)
        throw new Error(
          `${README}, ${label}: examples/${example}/${path} does not have this line (or not after the ones before it):\n  ${missing}`
        )
      count += lines.length
    }
    done.push(
      `${label} (${count} lines over ${files.size} files, ${block.trimEnd().split("\n").length} with the file names) is in examples/${example}`
    )
  }
  return done
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  for (const line of checkBetterAuthBlocks(
    join(fileURLToPath(import.meta.url), "..", "..", "..")
  ))
    console.log(line)
