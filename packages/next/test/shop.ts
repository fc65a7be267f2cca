/**
 * A next-auth v5 app for the tests: `NextAuth()` with `LoginWithLink` from `/provider` talking to
 * the in-process Link simulator, and the helpers to drive `linkSignIn` as the app's action would
 * (one request per call, cookies carried over like a browser's).
 */
import NextAuth from "next-auth"
import { createSimulator, type Simulator } from "@login-with-link/simulator"
import type { LoginWithLinkOptions } from "@login-with-link/provider"
import { isRedirectError } from "next/dist/client/components/redirect-error.js"
import { LoginWithLink } from "../src/provider/index.js"
import {
  linkSignIn,
  type LinkSignInFunction,
  type LinkSignInOptions,
} from "../src/server/index.js"
import type { LinkSignInState } from "@login-with-link/react"
import { beforeEach } from "vitest"
import { sealChallenge } from "@login-with-link/core"
import {
  badChallengeCookies,
  type BadChallengeCookie,
} from "@login-with-link/test-helpers"
import {
  browserCookies,
  newBrowser,
  newRequest,
} from "@login-with-link/test-helpers/next-headers"

export const KEY = "pk_test_next123"
export const SECRET = "next-test-secret-0123456789-abcdefghijkl"
export const API_URL = "https://link.test/api"
export const JO = { email: "jo@example.com", phone: "+3*********90" }

/** The app under test: its simulator and its `signIn`. */
export interface Shop {
  sim: Simulator
  signIn: LinkSignInFunction
}

export function createShop(overrides: LoginWithLinkOptions = {}): Shop {
  const sim = createSimulator({ quiet: true })
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(new Request(input, init))) as typeof globalThis.fetch
  const { signIn } = NextAuth({
    providers: [
      LoginWithLink({
        publishableKey: KEY,
        apiUrl: API_URL,
        secret: SECRET,
        fetch,
        rateLimit: false,
        ...overrides,
      }),
    ],
    secret: SECRET,
    trustHost: true,
    session: { strategy: "jwt" },
    // Quiet: the tests read outcomes, not logs.
    logger: { error() {}, warn() {}, debug() {} },
  })
  return { sim, signIn }
}

/**
 * A new shop and a new browser before each test. The object stays the same (read its fields in
 * the tests); `reset(overrides)` makes another shop with other provider options.
 */
export function useShop(): Shop & {
  reset(overrides?: LoginWithLinkOptions): void
} {
  const shop = {
    reset(overrides: LoginWithLinkOptions = {}) {
      Object.assign(shop, createShop(overrides))
    },
  } as Shop & { reset(overrides?: LoginWithLinkOptions): void }
  beforeEach(() => {
    shop.reset()
    newBrowser()
  })
  return shop
}

/** Every bad challenge cookie (test-helpers' list), made for the shop's key, secret and Link. */
export function badCookies(shop: Shop): BadChallengeCookie[] {
  return badChallengeCookies({
    async real() {
      await post(shop.signIn, { intent: "start", email: JO.email })
      return browserCookies().get("link_signin")!
    },
    seal: sealChallenge,
    key: KEY,
    secret: SECRET,
    apiUrl: () => API_URL,
    email: JO.email,
  })
}

/** The form data a step's form posts. */
export function form(fields: Record<string, string>): FormData {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.set(name, value)
  return data
}

/** What the action did: the next state, or the redirect it answered with. */
export type Answer =
  | { kind: "state"; state: LinkSignInState }
  | { kind: "redirect"; location: string }

/** Post one form as a new request of the same browser. */
export async function post(
  signIn: LinkSignInFunction,
  fields: Record<string, string>,
  init: {
    previous?: unknown
    proto?: "http" | "https"
    referer?: string
    options?: LinkSignInOptions
  } = {}
): Promise<Answer> {
  newRequest({ proto: init.proto, referer: init.referer })
  try {
    const state = await linkSignIn(
      signIn,
      init.previous ?? { seq: 0 },
      form(fields),
      init.options
    )
    return { kind: "state", state }
  } catch (error) {
    if (isRedirectError(error)) {
      const location = error.digest.split(";")[2] ?? ""
      return { kind: "redirect", location }
    }
    throw error
  }
}

/** The state an answer must be. */
export function stateOf(answer: Answer): LinkSignInState {
  if (answer.kind !== "state")
    throw new Error(`expected a state, got a redirect to ${answer.location}`)
  return answer.state
}

/** The newest code the simulator texted to `email`. */
export function lastCode(sim: Simulator, email: string): string {
  const code = sim.state.outbox.latestCode(email)
  if (!code) throw new Error(`no SMS to ${email}`)
  return code
}
