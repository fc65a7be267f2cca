/**
 * The README blocks of @login-with-link/better-auth are what the examples use: each block (one
 * code block, a `// <file>` comment line before each file's lines) belongs to an example, and
 * every one of its lines is in that file of the example, in the same order. The Next.js block
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
      const source = readFileSync(join(appDir, path), "utf8").split("\n")
      let at = 0
      for (const line of lines) {
        const found = source.indexOf(line, at)
        if (found === -1)
          throw new Error(
            `${README}, ${label}: examples/${example}/${path} does not have this line${at > 0 ? " after the ones before it" : ""}:\n  ${line}`
          )
        at = found + 1
      }
      count += lines.length
    }
    done.push(
      `${label} (${count} lines over ${files.size} files) is in examples/${example}`
    )
  }
  return done
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  for (const line of checkBetterAuthBlocks(
    join(fileURLToPath(import.meta.url), "..", "..", "..")
  ))
    console.log(line)
