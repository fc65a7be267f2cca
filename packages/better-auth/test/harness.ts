/**
 * Test harness: the real simulator on a free port, and a better-auth app (memory adapter) with the
 * plugin, driven through `auth.handler(new Request(...))`.
 */
import {
  startSimulator,
  type FaultSpec,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { cookieJarFetch as jarFetch } from "@login-with-link/test-helpers"
import { useStack } from "@login-with-link/test-helpers/link"
import { betterAuth, type BetterAuthOptions } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { createAuthClient } from "better-auth/client"
import { loginWithLinkClient } from "../src/client.js"
import { genericOAuth } from "better-auth/plugins"
import {
  linkOAuthConfig,
  loginWithLink,
  type LoginWithLinkPluginOptions,
} from "../src/index.js"

export const ORIGIN = "http://shop.test"
export const BASE = `${ORIGIN}/api/auth`
export const SECRET = "better-auth-test-secret-0123456789abcdef"
export const KEY = "pk_test_better_auth"

/** Start the simulator on a free port (one per test file). */
export function simulator(): Promise<RunningSimulator> {
  return startSimulator({ port: 0, quiet: true, env: {} })
}

/**
 * The simulator on a free port for the test file's tests (test-helpers' `useStack`: started before
 * them, stopped after them), reset before each test unless `reset: false`, and its control API.
 */
export function useLink(options: { reset?: boolean } = {}): {
  link: RunningSimulator
  sim: ReturnType<typeof control>
} {
  const link = useStack(
    () => simulator(),
    options.reset === false
      ? {}
      : {
          beforeEach: async (l) => {
            await control(l).reset()
          },
        }
  )
  return { link, sim: control(link) }
}

/** The simulator's control API, over HTTP. */
export function control(link: RunningSimulator) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${link.url}/__control${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : null,
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
    return (await response.json()) as Record<string, unknown>
  }
  return {
    reset: () => call("POST", "/reset"),
    fault: (spec: FaultSpec) => call("POST", "/faults", spec),
    advance: (advanceMs: number) => call("POST", "/clock", { advanceMs }),
    addPerson: (person: {
      email: string
      phone: string
      fullName?: string
      city?: string
    }) => call("POST", "/people", person),
    /** Link API calls since the last reset. */
    async calls(): Promise<number> {
      const stats = (await call("GET", "/stats")) as { total: number }
      return stats.total
    },
    /** The latest code texted for an email. */
    async code(email: string): Promise<string> {
      const response = await fetch(
        `${link.url}/__dev/outbox?email=${encodeURIComponent(email)}`
      )
      const { messages } = (await response.json()) as {
        messages: { code: string }[]
      }
      const latest = messages[0]
      if (!latest) throw new Error(`no code was sent to ${email}`)
      return latest.code
    },
  }
}

export type Db = Record<string, Record<string, unknown>[]>

/** A better-auth app with the plugin, on a fresh memory database. */
export function app(
  link: Pick<RunningSimulator, "apiUrl">,
  plugin: LoginWithLinkPluginOptions = {},
  options: Partial<BetterAuthOptions> = {}
) {
  const db: Db = { user: [], session: [], account: [], verification: [] }
  const auth = betterAuth({
    baseURL: ORIGIN,
    secret: SECRET,
    database: memoryAdapter(db),
    logger: { disabled: true },
    rateLimit: { enabled: false },
    ...options,
    plugins: [
      loginWithLink({
        publishableKey: KEY,
        apiUrl: link.apiUrl,
        rateLimit: false,
        ...plugin,
      }),
      ...(options.plugins ?? []),
    ],
  })
  return { auth, db }
}

/** POST JSON (or raw text) to a route of the app. */
export function post(
  auth: { handler: (request: Request) => Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<Response> {
  return auth.handler(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    })
  )
}

/** A JSON answer; the tests check it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = Record<string, any>

export async function json(response: Response): Promise<Answer> {
  return (await response.json()) as Answer
}

/** Start, then read the code the simulator texted. */
export async function startFor(
  auth: Parameters<typeof post>[0],
  link: RunningSimulator,
  email = "jo@example.com"
) {
  const response = await post(auth, "/sign-in/link/start", { email })
  const body = await json(response)
  if (body.status !== "code_sent") {
    throw new Error(`start: ${response.status} ${JSON.stringify(body)}`)
  }
  const code = await control(link).code(email)
  return { challenge: body.challenge as string, code, body }
}

/** The session cookie a response set, as a `Cookie` header value. */
export function sessionCookie(response: Response): string | undefined {
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("better-auth.session_token="))
  return cookie?.split(";")[0]
}

/** better-auth's client whose requests go straight to the app's handler, with a cookie jar. */
export function clientFor(auth: {
  handler: (request: Request) => Promise<Response>
}) {
  return clientWithJar(auth).client
}

/**
 * A browser's fetch around `auth.handler`: it sends the cookies it was given and keeps the jar
 * (a cleared cookie is dropped). With `origin`, every request carries it as its Origin header.
 */
export const cookieJarFetch = (
  auth: { handler: (request: Request) => Promise<Response> },
  options: { origin?: string } = {}
) => jarFetch((request) => auth.handler(request), options)

/**
 * Better Auth's genericOAuth with Link's OAuth page (`linkOAuthConfig`) on the simulator, as the
 * simulator's development client.
 */
export function devLinkOAuth(link: Pick<RunningSimulator, "oauthUrl">) {
  return genericOAuth({
    config: [
      linkOAuthConfig({
        clientId: "shop_dev",
        clientSecret: "shop_dev_secret",
        publishableKey: KEY,
        url: link.oauthUrl,
        apiUrl: link.oauthUrl,
      }),
    ],
  })
}

/** {@link clientFor}, with its cookie jar (a browser's, for the test to read or tamper with). */
export function clientWithJar(auth: {
  handler: (request: Request) => Promise<Response>
}) {
  const { fetch: customFetchImpl, jar } = cookieJarFetch(auth)
  const client = createAuthClient({
    baseURL: BASE,
    plugins: [loginWithLinkClient()],
    fetchOptions: { customFetchImpl },
  })
  return { client, jar }
}
