/**
 * What users get: `pnpm pack` the core and this plugin, npm-install the tarballs with better-auth
 * into a scratch app outside the workspace, type-check it (modern and legacy module resolution),
 * and sign in through `auth.handler` there, against the simulator on a port. Needs `pnpm build`.
 */
import { execFile } from "node:child_process"
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import type { RunningSimulator } from "@login-with-link/simulator"
import { afterAll, beforeAll, expect, it } from "vitest"
import { simulator } from "./harness.js"

const run = promisify(execFile)
const here = resolve(import.meta.dirname, "..")
const workspace = resolve(here, "../..")

let link: RunningSimulator
let scratch: string
beforeAll(async () => {
  link = await simulator()
  scratch = await mkdtemp(join(tmpdir(), "lwl-better-auth-scratch-"))
})
afterAll(async () => {
  await link?.close()
  if (scratch) await rm(scratch, { recursive: true, force: true })
})

const APP = `
import { betterAuth } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { createAuthClient } from "better-auth/client"
import { loginWithLink } from "@login-with-link/better-auth"
import { loginWithLinkClient } from "@login-with-link/better-auth/client"

const link = process.env.LINK_URL
const auth = betterAuth({
  baseURL: "http://scratch.test",
  secret: "scratch-app-secret-0123456789abcdef",
  database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
  logger: { disabled: true },
  plugins: [loginWithLink({ publishableKey: "pk_test_scratch", apiUrl: link + "/api" })],
})
let cookie = ""
const client = createAuthClient({
  baseURL: "http://scratch.test/api/auth",
  plugins: [loginWithLinkClient()],
  fetchOptions: {
    customFetchImpl: async (input, init) => {
      const request = new Request(input, init)
      if (cookie) request.headers.set("cookie", cookie)
      const response = await auth.handler(request)
      const set = response.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="))
      if (set) cookie = set.split(";")[0]
      return response
    },
  },
})
const started = await client.signIn.link.start({ email: "jo@example.com" })
if (started.data?.status !== "code_sent") throw new Error("start: " + JSON.stringify(started))
const outbox = await (await fetch(link + "/__dev/outbox?email=jo@example.com")).json()
const verified = await client.signIn.link.verify({ challenge: started.data.challenge, code: outbox.messages[0].code })
const session = await client.getSession()
console.log(JSON.stringify({ user: verified.data?.user, session: session.data?.user, cookie: Boolean(cookie) }))
`

const TYPES = `
import { betterAuth } from "better-auth"
import { createAuthClient } from "better-auth/client"
import { genericOAuth } from "better-auth/plugins"
import { linkOAuthConfig, loginWithLink, LOGIN_WITH_LINK_ERROR_CODES } from "@login-with-link/better-auth"
import { linkClientAction, loginWithLinkClient, readLinkAnswer } from "@login-with-link/better-auth/client"
import type { LinkFormAction } from "@login-with-link/core/form"

const auth = betterAuth({
  plugins: [loginWithLink({ emailVerified: false }), genericOAuth({ config: [linkOAuthConfig()] })],
})
const client = createAuthClient({ plugins: [loginWithLinkClient()] })
export const action: LinkFormAction = linkClientAction(client)
export const read = async () => readLinkAnswer(await client.signIn.link.start({ email: "jo@example.com" }))?.status
export async function check(): Promise<string> {
  const started = await client.signIn.link.start({ email: "jo@example.com" })
  if (started.data?.status !== "code_sent") return LOGIN_WITH_LINK_ERROR_CODES.INVALID_EMAIL.code
  const verified = await client.signIn.link.verify({ challenge: started.data.challenge, code: "123456" })
  void auth.api.signInLinkStart
  return verified.data?.user.email ?? ""
}
`

it("installs from the packed tarballs into a scratch app and signs in there", async () => {
  for (const pkg of ["core", "better-auth"]) {
    await run("pnpm", ["pack", "--pack-destination", scratch], {
      cwd: resolve(workspace, "packages", pkg),
    })
  }
  const tarballs = (await readdir(scratch)).filter((f) => f.endsWith(".tgz"))
  const tarball = (name: string) =>
    `file:./${tarballs.find((f) => f.startsWith(`login-with-link-${name}-`))}`
  await writeFile(
    join(scratch, "package.json"),
    JSON.stringify({
      name: "scratch-better-auth-app",
      private: true,
      type: "module",
      dependencies: {
        "@login-with-link/core": tarball("core"),
        "@login-with-link/better-auth": tarball("better-auth"),
        "better-auth": "1.7.25",
      },
      // better-auth 1.7 accepts kysely 0.28 or 0.29; 0.29 needs Node 22.
      overrides: { kysely: "0.28.19" },
    })
  )
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=error",
    ],
    { cwd: scratch, timeout: 240_000 }
  )

  await writeFile(join(scratch, "app.mjs"), APP)
  const { stdout } = await run("node", ["app.mjs"], {
    cwd: scratch,
    env: { ...process.env, LINK_URL: link.url, NODE_ENV: "production" },
    timeout: 60_000,
  })
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    user?: { email: string; name: string }
    session?: { email: string }
    cookie: boolean
  }
  expect(result.user).toMatchObject({ email: "jo@example.com", name: "Jo Doe" })
  expect(result.session).toMatchObject({ email: "jo@example.com" })
  expect(result.cookie).toBe(true)

  // Types, as a user's TypeScript sees them: exports (bundler) and typesVersions (node10).
  await writeFile(join(scratch, "check.ts"), TYPES)
  const tsc = resolve(workspace, "node_modules/typescript/bin/tsc")
  for (const [module, moduleResolution] of [
    ["esnext", "bundler"],
    ["commonjs", "node10"],
  ]) {
    await run(
      "node",
      [
        tsc,
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "--target",
        "es2022",
        "--module",
        module!,
        "--moduleResolution",
        moduleResolution!,
        "check.ts",
      ],
      { cwd: scratch, timeout: 120_000 }
    ).catch((error: { stdout?: string }) => {
      throw new Error(`tsc (${moduleResolution}): ${error.stdout ?? error}`)
    })
  }
}, 400_000)
