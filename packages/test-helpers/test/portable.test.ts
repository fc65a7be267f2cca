import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { assertPortable } from "../src/portable.js"

let dir: string | undefined

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** A throwaway source folder: file name → text. Returns the entry's path. */
function sources(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "portable-"))
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name)
    mkdirSync(join(path, ".."), { recursive: true })
    writeFileSync(path, text)
  }
  return join(dir, "index.ts")
}

const offences = (entry: string, options = {}) => {
  try {
    assertPortable(entry, options)
    return []
  } catch (error) {
    return (error as Error).message
      .split("\n")
      .slice(1)
      .map((l) => l.trim())
  }
}

describe("assertPortable", () => {
  it("walks relative imports, re-exports and dynamic imports, and lists what they reach", () => {
    const entry = sources({
      "index.ts": 'export * from "./a.js"\nexport { b } from "./b.js"\n',
      "a.ts":
        'import * as z from "zod"\nexport const a = () => import("./lazy.js")\n',
      "b.ts": 'import type { C } from "./types/c.js"\nexport const b: C = 1\n',
      "types/c.ts": "export type C = number\n",
      "lazy.ts": "export {}\n",
      "unused.ts": 'import "node:fs"\n',
    })
    expect(assertPortable(entry, { allow: ["zod"] })).toEqual({
      reached: ["a.ts", "b.ts", "index.ts", "lazy.ts", "types/c.ts"],
      packages: ["zod"],
    })
  })

  it("names each forbidden import: Node built-ins, next, next-auth, @auth/*, and packages not allowed", () => {
    const entry = sources({
      "index.ts": [
        'import { readFile } from "node:fs"',
        'import path from "path"',
        'import { NextResponse } from "next/server"',
        'export { default } from "next-auth"',
        'const lib = require("left-pad")',
        'import { CredentialsSignin } from "@auth/core/errors"',
      ].join("\n"),
    })
    expect(offences(entry)).toEqual([
      "index.ts: imports node:fs",
      "index.ts: imports the Node built-in path",
      "index.ts: imports next/server",
      "index.ts: imports next-auth",
      "index.ts: imports left-pad, which is not allowed",
      "index.ts: imports @auth/core/errors",
    ])
    expect(offences(entry, { allow: ["@auth/core"] })).not.toContain(
      "index.ts: imports @auth/core/errors"
    )
  })

  it("reads process.env only where allowed, and skips comments", () => {
    const entry = sources({
      "index.ts":
        '/** @example import x from "next-auth"; process.env.X */\n// import "node:fs"\nexport * from "./env.js"\nexport const url = "https://example.com//x"\n',
      "env.ts": "export const read = () => process?.env?.AUTH_SECRET\n",
    })
    expect(offences(entry)).toEqual(["env.ts: reads process.env"])
    expect(offences(entry, { envReaders: ["env.ts"] })).toEqual([])
  })

  it("checks type-only imports unless told they are erased", () => {
    const entry = sources({
      "index.ts": 'import type { Session } from "@auth/core/types"\n',
    })
    expect(offences(entry)).toEqual(["index.ts: imports @auth/core/types"])
    expect(offences(entry, { typeImports: "ignore" })).toEqual([])
  })
})
