// What npm users get: the built files keep "use client" where React needs it, the client entry
// pulls in neither next-auth nor the provider at run time, and every entry point resolves and
// type-checks in an app with "moduleResolution": "node" (typesVersions) and with "bundler".
import { execFileSync } from "node:child_process"
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, "..")
const require = createRequire(join(pkg, "package.json"))
const tsc = join(
  dirname(require.resolve("typescript/package.json")),
  "bin",
  "tsc"
)

let app: string
let built: string

beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), "lwl-next-shape-"))
  // The package as published: package.json and a fresh dist/ (with styles.css).
  built = join(app, "node_modules", "@login-with-link", "next")
  mkdirSync(built, { recursive: true })
  cpSync(join(pkg, "package.json"), join(built, "package.json"))
  execFileSync(
    process.execPath,
    [
      tsc,
      "-p",
      join(pkg, "tsconfig.build.json"),
      "--outDir",
      join(built, "dist"),
    ],
    { stdio: "pipe" }
  )
  execFileSync(
    process.execPath,
    [join(pkg, "scripts", "copy-styles.mjs"), join(built, "dist")],
    { stdio: "pipe" }
  )
  // Its peers and dependencies, as the app would have them.
  for (const dep of [
    "@login-with-link/react",
    "react",
    "@types/react",
    "next",
    "next-auth",
    "@login-with-link/provider",
  ]) {
    const target = realpathSync(join(pkg, "node_modules", dep))
    mkdirSync(dirname(join(app, "node_modules", dep)), { recursive: true })
    symlinkSync(target, join(app, "node_modules", dep), "dir")
  }
  cpSync(join(here, "fixtures", "resolution"), app, { recursive: true })
}, 120_000)

afterAll(() => rmSync(app, { recursive: true, force: true }))

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]
  )

describe("the built package", () => {
  it('every client file that React needs as a client module starts with "use client"', () => {
    const client = files(join(built, "dist", "client")).filter((f) =>
      f.endsWith(".js")
    )
    const directive = client.filter((f) =>
      readFileSync(f, "utf8").startsWith('"use client";')
    )
    const needs = client.filter((f) =>
      /\buse(State|Effect|Ref|ActionState|FormStatus|Router|SearchParams|Id)\b/.test(
        readFileSync(f, "utf8")
      )
    )
    expect(needs.length).toBe(2)
    for (const file of needs) expect(directive).toContain(file)
    // The entry re-exports client modules without being one, so each component is its own
    // client reference (a layout with LinkSignInSync does not load the form).
    expect(directive).not.toContain(join(built, "dist", "client", "index.js"))
  })

  it("the client entry imports neither next-auth nor the provider at run time", () => {
    for (const file of files(join(built, "dist", "client"))) {
      if (!file.endsWith(".js")) continue
      const code = readFileSync(file, "utf8")
      expect(code, file).not.toMatch(/from "next-auth/)
      expect(code, file).not.toMatch(/from "@login-with-link\/provider"/)
      expect(code, file).not.toMatch(/next\/headers/)
    }
  })

  it("styles.css is exported, and is @login-with-link/react's stylesheet", () => {
    const exported = (
      JSON.parse(readFileSync(join(built, "package.json"), "utf8")) as {
        exports: Record<string, string>
      }
    ).exports["./styles.css"]!
    expect(readFileSync(join(built, exported), "utf8")).toBe(
      readFileSync(join(pkg, "..", "react", "styles.css"), "utf8")
    )
  })

  it("the provider entry imports nothing from Next.js (safe in auth.ts, the proxy)", () => {
    const code = readFileSync(
      join(built, "dist", "provider", "index.js"),
      "utf8"
    )
    expect(code).not.toMatch(/from "next\//)
  })

  it.each(["node", "bundler"])(
    'an app with "moduleResolution": "%s" resolves and type-checks every entry point',
    (resolution) => {
      const run = () =>
        execFileSync(
          process.execPath,
          [tsc, "-p", join(app, `tsconfig.${resolution}.json`)],
          { cwd: app, stdio: "pipe", encoding: "utf8" }
        )
      let output = ""
      try {
        run()
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error)
      }
      expect(output).toBe("")
    },
    120_000
  )
})

describe("peer ranges", () => {
  it.each(["next", "provider", "react"])(
    "@login-with-link/%s caps every peer at its next major (no open-ended >=)",
    (name) => {
      const { peerDependencies = {} } = JSON.parse(
        readFileSync(join(pkg, "..", name, "package.json"), "utf8")
      ) as { peerDependencies?: Record<string, string> }
      for (const [peer, range] of Object.entries(peerDependencies))
        expect(
          /^[\^~]/.test(range) || /<\s*\d/.test(range),
          `${peer}: ${range}`
        ).toBe(true)
    }
  )
})
