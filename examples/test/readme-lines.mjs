/**
 * Adds Login with Link to a copy of examples/existing-app with exactly the lines of the
 * @login-with-link/next README, read from the README itself so that the two cannot drift:
 *
 * - "The whole addition": one code block, a `// <file>` comment line before each file's lines.
 *   `auth.ts` there is a fragment: its import lines go after the app's imports, its
 *   `providers: [GitHub, LoginWithLink()]` adds the entries the app does not have to the app's
 *   `providers`, and its other properties (`pages: ...`) go after them. The other files are new,
 *   written as they are.
 * - "Beside other providers": the `app/login/page.tsx` with the app's own GitHub button next to
 *   the form, which replaces the block's one-form page (this app signs in with GitHub too). run.mjs
 *   type-checks the app with the block's own page first.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"

const PACKAGE_README = join("packages", "next", "README.md")
const ROOT_README = "README.md"

/**
 * The code blocks of the section under the `## heading` of a Markdown file (a heading that starts
 * with `heading`).
 */
function sectionBlocks(markdown, heading) {
  const start = markdown.indexOf(`\n## ${heading}`)
  if (start === -1) throw new Error(`no "## ${heading}" section`)
  const end = markdown.indexOf("\n## ", start + 1)
  const section = markdown.slice(start, end === -1 ? undefined : end)
  return [...section.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((m) => m[1])
}

/** `// app/login/page.tsx` (optionally followed by `: a note` or ` (a note)`) starts a file. */
export const FILE_LINE =
  /^\/\/ ([\w./[\]-]+\.(?:ts|tsx|js|jsx|css))(?:(?::| \().*)?$/

/** Splits a block into its files: `{ "auth.ts": [lines], ... }`, in order. */
export function filesOf(block) {
  const files = new Map()
  let current
  for (const line of block.replace(/\n$/, "").split("\n")) {
    const file = FILE_LINE.exec(line)
    if (file) {
      current = file[1]
      if (files.has(current)) throw new Error(`${current} twice in the block`)
      files.set(current, [])
    } else if (current === undefined) {
      throw new Error(`the block does not start with a "// <file>" line`)
    } else {
      files.get(current).push(line)
    }
  }
  return files
}

/** The README's block, and its page beside other providers. */
export function readmeLines(root) {
  const markdown = readFileSync(join(root, PACKAGE_README), "utf8")
  const [block] = sectionBlocks(markdown, "The whole addition").filter((b) =>
    FILE_LINE.test(b.split("\n")[0])
  )
  if (!block)
    throw new Error(`${PACKAGE_README}: no block in "The whole addition"`)
  const [besideOthers] = sectionBlocks(
    markdown,
    "Beside other providers"
  ).filter((b) => b.startsWith("// app/login/page.tsx\n"))
  if (!besideOthers)
    throw new Error(
      `${PACKAGE_README}: no app/login/page.tsx in "Beside other providers"`
    )
  return { block, files: filesOf(block), besideOthers: filesOf(besideOthers) }
}

/**
 * The root README shows the same block: if it has a block starting with the same line, it is the
 * same block. Returns a note on what was found.
 */
export function checkRootReadme(root, block) {
  const markdown = readFileSync(join(root, ROOT_README), "utf8")
  const firstLine = block.split("\n")[0]
  const copies = [...markdown.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)]
    .map((m) => m[1])
    .filter((b) => b.split("\n")[0] === firstLine)
  for (const copy of copies)
    if (copy !== block)
      throw new Error(
        `${ROOT_README} shows another version of the block of ${PACKAGE_README}`
      )
  return copies.length > 0
    ? `${ROOT_README} shows the same block`
    : `${ROOT_README} has no copy of the block`
}

/** `a, b(c, d), e: [f]` split at its top-level commas, trimmed, empty ones dropped. */
function topLevelItems(text) {
  const entries = []
  let depth = 0
  let current = ""
  for (const char of text) {
    if ("([{".includes(char)) depth++
    if (")]}".includes(char)) depth--
    if (char === "," && depth === 0) {
      entries.push(current.trim())
      current = ""
    } else current += char
  }
  entries.push(current.trim())
  return entries.filter(Boolean)
}

/** The index just past the bracket that closes the one at `open`. */
function closingBracket(source, open) {
  let depth = 0
  for (let i = open; i < source.length; i++) {
    if ("([{".includes(source[i])) depth++
    if (")]}".includes(source[i])) depth--
    if (depth === 0) return i + 1
  }
  throw new Error("unbalanced brackets")
}

/** `import { a, b } from "m"` -> `{ module: "m", names: ["a", "b"] }`; other lines: undefined. */
function importOf(line) {
  const match = /^import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/.exec(line)
  if (!match) return undefined
  const names = match[1]
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
  return { module: match[2], names }
}

/** The callee or identifier an entry starts with: `GitHub({...})` -> `GitHub`. */
const head = (entry) => /^[\w$.]+/.exec(entry)?.[0] ?? entry

/**
 * Merges the README's auth.ts fragment into the app's auth.ts; returns the new source. The
 * fragment is import lines and config properties (`providers: [GitHub, LoginWithLink()], pages:
 * { signIn: "/login" },`, on one line or several).
 */
export function mergeAuthConfig(source, fragment) {
  const imports = fragment.filter((line) => /^import\b/.test(line))
  const properties = new Map(
    topLevelItems(
      fragment.filter((line) => !imports.includes(line)).join("\n")
    ).map((item) => {
      const key = /^(\w+)\s*:/.exec(item)?.[1]
      if (!key) throw new Error(`not a config property: ${item}`)
      return [key, item.slice(item.indexOf(":") + 1).trim()]
    })
  )
  const readmeProviders = properties.get("providers")
  if (!readmeProviders?.startsWith("["))
    throw new Error("the README's auth.ts has no providers: [...]")
  properties.delete("providers")

  // Imports: a line from a module the app imports from already replaces the app's line (when it
  // imports all the app's names from it); the others go after the app's last import line.
  const lines = source.split("\n")
  const fresh = []
  for (const line of imports) {
    const from = importOf(line)
    const mine = lines.findIndex((l) => importOf(l)?.module === from?.module)
    if (from && mine !== -1) {
      const missing = importOf(lines[mine]).names.filter(
        (name) => !from.names.includes(name)
      )
      if (missing.length > 0)
        throw new Error(
          `the README's ${from.module} import lacks the app's ${missing.join(", ")}`
        )
      lines[mine] = line
    } else fresh.push(line)
  }
  const lastImport = lines.findLastIndex((line) => /^import\b/.test(line))
  lines.splice(lastImport + 1, 0, ...fresh)
  const merged = lines.join("\n")

  // Providers: the README's entries the app does not have, appended to the app's array.
  const open = merged.search(/\bproviders:\s*\[/)
  if (open === -1) throw new Error("the app's auth.ts has no providers: [...]")
  const openBracket = merged.indexOf("[", open)
  const close = closingBracket(merged, openBracket)
  const appEntries = topLevelItems(
    merged
      .slice(openBracket + 1, close - 1)
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "")
  )
  const added = topLevelItems(readmeProviders.slice(1, -1)).filter(
    (entry) => !appEntries.some((mine) => head(mine) === head(entry))
  )
  if (added.length === 0)
    throw new Error("the README's providers line adds no provider")
  const indent = /\n([ \t]*)providers:/.exec(merged)?.[1] ?? "  "
  const body = merged.slice(openBracket + 1, close - 1).replace(/,?\s*$/, "")
  const array = `[${body},\n${added.map((e) => `${indent}  ${e},`).join("\n")}\n${indent}]`

  // The other properties (e.g. pages) after the providers, unless the app has them already (the
  // same value: nothing to do; another one: a person merges it by hand).
  for (const [key, value] of properties) {
    const mine = new RegExp(`\\n\\s*${key}\\s*:\\s*(.*?),?\\s*$`, "m").exec(
      merged
    )
    if (!mine) continue
    if (mine[1].replace(/,$/, "") !== value.replace(/,$/, ""))
      throw new Error(`the app's auth.ts already has ${key}: merge it by hand`)
    properties.delete(key)
  }
  const after = [...properties]
    .map(([key, value]) => `\n${indent}${key}: ${value},`)
    .join("")
  const rest = merged[close] === "," ? close + 1 : close
  return `${merged.slice(0, openBracket)}${array},${after}${merged.slice(rest)}`
}

/** Writes the README block's files into the app. Returns what it did, one line each. */
export function addLoginWithLink(root, appDir) {
  const { block, files } = readmeLines(root)
  const done = [checkRootReadme(root, block)]
  let count = 0
  for (const [file, lines] of files) {
    count += lines.length
    const path = join(appDir, file)
    if (file === "auth.ts") {
      writeFileSync(path, mergeAuthConfig(readFileSync(path, "utf8"), lines))
      done.push(`${file}: ${lines.length} lines merged into the app's`)
    } else {
      if (existsSync(path)) throw new Error(`${file} exists in the app already`)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, `${lines.join("\n")}\n`)
      done.push(`${file}: ${lines.length} lines`)
    }
  }
  done.push(
    `${count} lines of code over ${files.size} files, ${block.trimEnd().split("\n").length} with the file names`
  )
  return done
}

/** Replaces the block's login page with the README's page beside other providers. */
export function pageBesideOtherProviders(root, appDir) {
  const { besideOthers } = readmeLines(root)
  const done = []
  for (const [file, lines] of besideOthers) {
    writeFileSync(join(appDir, file), `${lines.join("\n")}\n`)
    done.push(`${file}: ${lines.length} lines`)
  }
  return done
}

/** The attributes of the first `<LinkSignInForm ... />` in `lines`, as written. */
function formAttributes(lines) {
  const source = lines.join("\n")
  const start = source.indexOf("<LinkSignInForm")
  if (start === -1)
    throw new Error("no <LinkSignInForm /> in the README's page")
  const tag = source.slice(start, source.indexOf("/>", start))
  return [...tag.matchAll(/(\w+)=(\{[^}]*\}\}?|"[^"]*")/g)].map((m) => m[0])
}

/**
 * The README's "Continue with Link" variant (Link's own page, OAuth) on top of the whole addition:
 * its `auth.ts` lines merged as the block's are (its import line replaces the block's, which it
 * extends), and its page's new `<LinkSignInForm />` props (`oauth="above"`) added to the app's
 * form. Returns what it did, one line each.
 */
export function addOAuthVariant(root, appDir) {
  const markdown = readFileSync(join(root, PACKAGE_README), "utf8")
  const [variant] = sectionBlocks(markdown, '"Continue with Link"').filter(
    (b) => FILE_LINE.test(b.split("\n")[0])
  )
  if (!variant)
    throw new Error(`${PACKAGE_README}: no block in "Continue with Link"`)
  const files = filesOf(variant)
  const done = []
  const auth = files.get("auth.ts")
  if (!auth) throw new Error("the OAuth variant has no auth.ts lines")
  const authFile = join(appDir, "auth.ts")
  writeFileSync(authFile, mergeAuthConfig(readFileSync(authFile, "utf8"), auth))
  done.push(`auth.ts: ${auth.length} lines merged into the app's`)

  const page = files.get("app/login/page.tsx")
  if (!page) throw new Error("the OAuth variant has no app/login/page.tsx")
  const before = formAttributes(
    readmeLines(root).files.get("app/login/page.tsx")
  )
  const added = formAttributes(page).filter((a) => !before.includes(a))
  if (added.length === 0)
    throw new Error(
      "the OAuth variant's page adds no prop to <LinkSignInForm />"
    )
  const pageFile = join(appDir, "app", "login", "page.tsx")
  const source = readFileSync(pageFile, "utf8")
  const at = source.indexOf("/>", source.indexOf("<LinkSignInForm"))
  if (!source.includes("<LinkSignInForm") || at === -1)
    throw new Error("the app's login page has no <LinkSignInForm />")
  const indent = /\n([ \t]*)\/>/.exec(source.slice(at - 20, at + 2))
  const props = indent
    ? `  ${added.join(`\n${indent[1]}  `)}\n${indent[1]}`
    : `${added.join(" ")} `
  writeFileSync(pageFile, `${source.slice(0, at)}${props}${source.slice(at)}`)
  done.push(`app/login/page.tsx: ${added.join(" ")} on the app's form`)
  return done
}
