/**
 * Test factories for code that talks to Link: options, an intercepted `fetch` that fails the test
 * on any unexpected request, the in-process simulator wired as a `fetch`, canned Link answers, and
 * helpers to catch what steps throw, and Link's OAuth page by the simulator's shortcut. For vitest.
 *
 * @module
 */
import { createSimulator, type Simulator } from "@login-with-link/simulator"
import { beforeEach, expect } from "vitest"

/** The options every test sets: where Link is, as whom, the secret; rate limiting off. */
export interface TestOptions {
  publishableKey: string
  apiUrl: string
  secret: string
  rateLimit: false
}

export const TEST_KEY = "pk_test_provider123"
export const TEST_SECRET = "test-secret-0123456789-abcdefghijklmnop"
/** Conceal mode's never-rotated secret of the decoy phones. */
export const CONCEAL_SECRET = "conceal-secret-0123456789-never-rotated"
export const API_URL = "https://link.test/api"

/** Options for a provider talking to `fetch`, with rate limiting off unless given. */
export function testOptions<const T extends object = object>(
  overrides: T = {} as T
): Omit<TestOptions, keyof T> & T {
  return {
    publishableKey: TEST_KEY,
    apiUrl: API_URL,
    secret: TEST_SECRET,
    rateLimit: false,
    ...overrides,
  }
}

/** One request the intercepted fetch expects, and how it answers. */
export interface Expected {
  method: "GET" | "POST"
  /** The path after the API URL, e.g. "/lookup-email". */
  path: string
  /** Answer, given the request and its parsed JSON body (if any). */
  respond: (request: Request, body: unknown) => Response | Promise<Response>
}

/** A recorded outbound request. */
export interface Recorded {
  url: URL
  method: string
  headers: Headers
  body: unknown
}

/**
 * A `fetch` that answers only the expected requests, in order, and fails the test on any other.
 * `calls` records every request; `done()` asserts every expected request was made.
 */
export function interceptFetch(...expected: Expected[]) {
  const queue = [...expected]
  const calls: Recorded[] = []
  const unexpected: string[] = []
  const fetch = async (
    input: RequestInfo | URL,
    init?: RequestInit
  ): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const text = request.method === "GET" ? "" : await request.text()
    const body: unknown = text ? JSON.parse(text) : undefined
    calls.push({ url, method: request.method, headers: request.headers, body })
    const next = queue.shift()
    const path = url.pathname.replace(new URL(API_URL).pathname, "")
    if (!next || next.method !== request.method || next.path !== path) {
      unexpected.push(`${request.method} ${url.href}`)
      throw new Error(`Unexpected request: ${request.method} ${url.href}`)
    }
    return next.respond(request, body)
  }
  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    done() {
      expect(unexpected).toEqual([])
      expect(queue.map((e) => `${e.method} ${e.path}`)).toEqual([])
    },
  }
}

/** A fetch that fails the test if it is called at all. */
export function noFetch() {
  return interceptFetch()
}

export const json = (body: unknown, init: ResponseInit = {}) =>
  Response.json(body, init)

/** The three Link answers of a known person, for intercepted fetches. */
export const LINK = {
  lookupFound: (clientSecret = "cs_test_abc", phone = "+3*********90") =>
    json({
      result: "success",
      userExistsOnLink: true,
      client_secret: clientSecret,
      redacted_phone_number: phone,
    }),
  lookupMissing: () => json({ result: "success", userExistsOnLink: false }),
  sent: (phone = "+3*********90") =>
    json({ result: "success", redacted_phone_number: phone }),
  authenticated: (email = "jo@example.com", extra: object = {}) =>
    json({
      authenticationSuccessful: true,
      user: { email, fullName: "Jo Doe", ...extra },
    }),
  error: (
    status: number,
    code: string,
    message = "nope",
    headers: HeadersInit = {}
  ) =>
    json(
      {
        errorMessage: message,
        error: { type: "invalid_request_error", code, message },
      },
      { status, headers }
    ),
}

/** The in-process simulator, as the provider's `fetch`. */
export function simulator(): {
  sim: Simulator
  fetch: typeof globalThis.fetch
  calls: () => number
} {
  const sim = createSimulator({ quiet: true })
  let count = 0
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    count += 1
    return sim.fetch(new Request(input, init))
  }) as typeof globalThis.fetch
  return { sim, fetch, calls: () => count }
}

/** Await a promise that must reject, and return what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected the promise to reject, but it resolved")
}

/**
 * A new in-process {@link simulator} before each test (vitest `beforeEach`); the returned object
 * reads through to the current one.
 * @example
 * const env = freshSimulator()
 * it("starts", async () => {
 *   await simulatedSteps(env).start("jo@example.com")
 *   expect(env.calls()).toBe(2)
 * })
 */
export function freshSimulator(): ReturnType<typeof simulator> {
  let current: ReturnType<typeof simulator> | undefined
  beforeEach(() => {
    current = simulator()
  })
  return new Proxy({} as ReturnType<typeof simulator>, {
    get(_, property) {
      if (!current)
        throw new Error(
          "freshSimulator(): made before each test: read it inside a test or a hook."
        )
      return Reflect.get(current, property) as unknown
    },
  })
}

/** Who is at Link's OAuth page: a person who signs in, or one who declines. */
export type AtLink = { email: string } | { decline: true }

/**
 * Link's OAuth page, done by the simulator's control shortcut (`POST /__control/oauth/authorize`
 * of the simulator at `simulatorUrl`): answers where Link sends the person back for
 * `authorizationUrl`.
 */
export async function authorizeAtLink(
  simulatorUrl: string,
  authorizationUrl: URL,
  person: AtLink
): Promise<string> {
  const response = await fetch(`${simulatorUrl}/__control/oauth/authorize`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      authorizationUrl: authorizationUrl.href,
      ...person,
    }),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return ((await response.json()) as { location: string }).location
}

/** A request as Auth.js hands it to `authorize()`. */
export function authRequest(headers: HeadersInit = {}): Request {
  return new Request("https://shop.test/api/auth/callback/link", {
    method: "POST",
    headers,
  })
}

export { useSimulator, useStack } from "./use-stack.js"
export type {
  Closable,
  UseSimulatorOptions,
  UseStackOptions,
} from "./use-stack.js"
