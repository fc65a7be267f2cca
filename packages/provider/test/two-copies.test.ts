/**
 * One or two copies of @auth/core: the provider runs through `Auth()` of two real copies
 * (0.41.3, this package's peer, and 0.41.2 installed as `@auth/core-other`), called as next-auth's
 * `signIn()` calls it (`raw`, `skipCSRFCheck`, errors rethrown to the server action). With the
 * other copy, Auth.js wraps our errors in its `CallbackRouteError`; `readLinkOutcome` reads them
 * either way, our detail does not replace the error Auth.js wrapped, and one warning names the fix.
 */
import * as mainCopy from "@auth/core"
import * as mainErrors from "@auth/core/errors"
import * as otherCopy from "@auth/core-other"
import * as otherErrors from "@auth/core-other/errors"
import {
  createLinkLogger,
  type LoginWithLinkOptions,
} from "@login-with-link/core"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { authorizeOf } from "@login-with-link/test-helpers"
import {
  isLinkOutcomeError,
  LinkCodeSent,
  LinkSignInFailed,
} from "../src/outcome-errors.js"
import { createLoginWithLink, LoginWithLink } from "../src/provider.js"
import { readLinkOutcome } from "../src/read-outcome.js"
import { TWO_COPIES_WARNING } from "../src/two-copies.js"
import {
  rejection,
  simulator,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const ORIGIN = "http://shop.localhost"
const WARNED = Symbol.for("login-with-link.two-auth-core-copies")
type Copy = typeof mainCopy

let env: ReturnType<typeof simulator>
let logged: string[]
let warn: ReturnType<typeof vi.spyOn>

beforeEach(() => {
  env = simulator()
  logged = []
  delete (globalThis as Record<symbol, unknown>)[WARNED]
  warn = vi.spyOn(console, "warn").mockImplementation(() => {})
})

afterEach(() => {
  vi.restoreAllMocks()
})

function options(overrides: LoginWithLinkOptions = {}): LoginWithLinkOptions {
  return {
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: env.fetch,
    rateLimit: false,
    ...overrides,
  }
}

/** What next-auth's `signIn("link", fields)` does with a copy of `Auth()`. */
async function signIn(
  copy: Copy,
  provider: ReturnType<typeof LoginWithLink>,
  fields: Record<string, string>
) {
  const sink = {
    error: (...data: unknown[]) => logged.push(`error ${data.join(" ")}`),
    warn: (...data: unknown[]) => logged.push(`warn ${data.join(" ")}`),
    debug: (...data: unknown[]) => logged.push(`debug ${data.join(" ")}`),
  }
  const config = {
    providers: [provider],
    secret: TEST_SECRET,
    trustHost: true,
    basePath: "/api/auth",
    logger: createLinkLogger({ sink }),
    raw: copy.raw,
    skipCSRFCheck: copy.skipCSRFCheck,
  }
  const request = new Request(`${ORIGIN}/api/auth/callback/link`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, callbackUrl: `${ORIGIN}/account` }),
  })
  return (copy.Auth as (r: Request, c: unknown) => Promise<unknown>)(
    request,
    config
  )
}

/** The server action's catch, as the provider README writes it. */
async function action(
  copy: Copy,
  provider: ReturnType<typeof LoginWithLink>,
  fields: Record<string, string>
) {
  try {
    const result = await signIn(copy, provider, fields)
    return { signedIn: result }
  } catch (error) {
    const outcome = readLinkOutcome(error)
    if (!outcome) throw error
    return { outcome, error }
  }
}

const latestCode = () => env.sim.state.outbox.latestCode("jo@example.com")!

const cases = [
  {
    name: "one copy: the default LoginWithLink in Auth() of its own @auth/core",
    copy: mainCopy,
    provider: () => LoginWithLink(options()),
    wrapped: false,
    warns: false,
  },
  {
    name: "two copies: the default LoginWithLink in Auth() of another @auth/core",
    copy: otherCopy as unknown as Copy,
    provider: () => LoginWithLink(options()),
    wrapped: true,
    warns: true,
  },
  {
    name: "two copies, bound: createLoginWithLink(CredentialsSignin of the other copy)",
    copy: otherCopy as unknown as Copy,
    provider: () =>
      createLoginWithLink(
        otherErrors.CredentialsSignin as unknown as typeof mainErrors.CredentialsSignin
      )(options()),
    wrapped: false,
    warns: true,
  },
]

describe.each(cases)("$name", ({ copy, provider, wrapped, warns }) => {
  it("signs in: code_sent is read, then the code signs the person in", async () => {
    const link = provider()
    const start = await action(copy, link, { email: "jo@example.com" })
    expect(start.outcome).toMatchObject({
      status: "code_sent",
      redactedPhone: "+3*********90",
      email: "jo@example.com",
    })
    const thrown = start.error as { type?: string; cause?: { err?: unknown } }
    if (wrapped) {
      expect(thrown.type).toBe("CallbackRouteError")
      expect(isLinkOutcomeError(thrown.cause?.err)).toBe(true)
    } else {
      expect(thrown.type).toBe("CredentialsSignin")
      expect(isLinkOutcomeError(thrown)).toBe(true)
    }
    const challenge = (start.outcome as { challenge: string }).challenge
    const finish = await action(copy, link, { challenge, code: latestCode() })
    expect(finish.outcome).toBeUndefined()
    const result = finish.signedIn as {
      redirect?: string
      cookies?: { name: string }[]
    }
    expect(result.redirect).toBe(`${ORIGIN}/account`)
    expect(result.cookies?.map((c) => c.name)).toContain("authjs.session-token")
    // Routine outcomes stay out of the log, wrapped or not.
    expect(logged).toEqual([])
  })

  it("a wrong code is an error outcome, and the person stays on the code step", async () => {
    const link = provider()
    const start = await action(copy, link, { email: "jo@example.com" })
    const challenge = (start.outcome as { challenge: string }).challenge
    const code = latestCode() === "111111" ? "222222" : "111111"
    const wrong = await action(copy, link, { challenge, code })
    expect(wrong.outcome).toMatchObject({
      status: "error",
      code: "invalid_code",
    })
    const again = await action(copy, link, { challenge, code: latestCode() })
    expect(again.outcome).toBeUndefined()
  })

  it("a mapped upstream error (Link's hourly send cap) arrives whole, its detail kept for the log", async () => {
    env.sim.state.faults.add({
      route: "start_verification",
      kind: "status",
      status: 429,
      retryAfter: 3600,
      count: 1,
    })
    const { outcome, error } = await action(copy, provider(), {
      email: "jo@example.com",
    })
    expect(outcome).toEqual({
      status: "error",
      code: "rate_limited",
      retryAfter: 3600,
    })
    const ours = (
      wrapped ? (error as { cause: { err: unknown } }).cause.err : error
    ) as { code: string; cause: { err: { name: string; status: number } } }
    // Auth.js's wrapping kept the error we threw (not our detail) in cause.err.
    expect(ours.code).toBe("rate_limited")
    expect(ours.cause.err).toMatchObject({ name: "LinkApiError", status: 429 })
    // The quiet logger still sees a rate limit, wrapped or not: one warning line, the detail in it.
    expect(logged).toEqual([
      expect.stringMatching(
        /^warn \[auth\]\[link\] rate_limited \(LinkApiError/
      ),
    ])
  })

  it(`${warns ? "logs the two-copies warning once" : "logs no two-copies warning"}`, async () => {
    const link = provider()
    await action(copy, link, { email: "jo@example.com" })
    await action(copy, link, { email: "jo@example.com" })
    const warnings = warn.mock.calls.filter(
      (call: unknown[]) => call[0] === TWO_COPIES_WARNING
    )
    // Seen when Auth.js wraps our error, or when the factory is given another copy's class.
    expect(warnings).toHaveLength(warns ? 1 : 0)
  })
})

describe("createLoginWithLink", () => {
  it("with the other copy's class: the errors are that copy's CredentialsSignin, and one warning", () => {
    const other =
      otherErrors.CredentialsSignin as unknown as typeof mainErrors.CredentialsSignin
    createLoginWithLink(other)
    createLoginWithLink(other)
    expect(warn.mock.calls).toEqual([[TWO_COPIES_WARNING]])
    expect(TWO_COPIES_WARNING).toMatch(/"overrides"/)
    expect(TWO_COPIES_WARNING).toMatch(/"pnpm": \{ "overrides"/)
  })

  it("with this package's own class: no warning, the default classes", async () => {
    const link = createLoginWithLink(mainErrors.CredentialsSignin)(options())
    const authorize = authorizeOf(link)
    const error = await rejection(
      authorize({ email: "jo@example.com" }, new Request(ORIGIN))
    )
    expect(error).toBeInstanceOf(LinkCodeSent)
    expect(error).toBeInstanceOf(mainErrors.CredentialsSignin)
    expect(warn).not.toHaveBeenCalled()
  })

  it("refuses what is not a class", () => {
    expect(() =>
      createLoginWithLink(
        "CredentialsSignin" as unknown as typeof mainErrors.CredentialsSignin
      )
    ).toThrow(TypeError)
  })
})

describe("readLinkOutcome", () => {
  it("is undefined for what is not ours, so the action rethrows it (e.g. Next's redirect)", () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), {
      digest: "NEXT_REDIRECT;replace;/account;307;",
    })
    expect(readLinkOutcome(redirect)).toBeUndefined()
    expect(readLinkOutcome(new mainErrors.CredentialsSignin())).toBeUndefined()
    expect(
      readLinkOutcome(
        new mainErrors.CallbackRouteError(
          new Error("db down") as unknown as string
        )
      )
    ).toBeUndefined()
    expect(readLinkOutcome(undefined)).toBeUndefined()
    expect(readLinkOutcome("code_sent")).toBeUndefined()
    // A look-alike without the brand is not ours.
    expect(
      readLinkOutcome(
        Object.assign(new Error("x"), {
          code: "invalid_code",
          type: "CredentialsSignin",
        })
      )
    ).toBeUndefined()
  })

  it("reads the core's own LinkSignInError too", async () => {
    const { LinkSignInError: CoreError } = await import("@login-with-link/core")
    expect(
      readLinkOutcome(new CoreError("too_many_attempts", { retryAfter: 60 }))
    ).toEqual({ status: "error", code: "too_many_attempts", retryAfter: 60 })
  })

  it("keeps the error outcome plain: no detail, no stack", () => {
    const error = new LinkSignInFailed("link_unavailable", {
      cause: new Error("ECONNREFUSED 10.0.0.7:443"),
    })
    const outcome = readLinkOutcome(error)
    expect(outcome).toEqual({ status: "error", code: "link_unavailable" })
    expect(JSON.stringify(outcome)).not.toContain("ECONNREFUSED")
  })
})
