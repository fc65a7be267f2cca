/**
 * Through Auth.js itself, outside any framework: @auth/core's `Auth()` with the provider, over
 * real `Request`s (CSRF token and cookie, then a form POST to the callback), against the
 * in-process simulator.
 */
import { Auth, type AuthConfig } from "@auth/core"
import { beforeEach, describe, expect, it, vi } from "vitest"
import { LinkCodeSent } from "../src/outcome-errors.js"
import { createLinkLogger } from "@login-with-link/core"
import type { LoginWithLinkOptions } from "@login-with-link/core"
import { LoginWithLink } from "../src/provider.js"
import { authorizeOf } from "@login-with-link/test-helpers"
import {
  authRequest,
  rejection,
  simulator,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const ORIGIN = "http://shop.localhost"
let env: ReturnType<typeof simulator>
let lines: { level: string; text: string }[]

beforeEach(() => {
  env = simulator()
  lines = []
})

/** The provider's steps as a shop's own server action drives them: through its `authorize()`. */
function stepsOf(provider: object) {
  const authorize = authorizeOf(provider)
  return {
    start: (email: string) => authorize({ email }, authRequest()),
  }
}

function setup(overrides: LoginWithLinkOptions = {}) {
  const options: LoginWithLinkOptions = {
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: env.fetch,
    rateLimit: false,
    ...overrides,
  }
  const sink = {
    error: (...data: unknown[]) =>
      lines.push({ level: "error", text: data.join(" ") }),
    warn: (...data: unknown[]) =>
      lines.push({ level: "warn", text: data.join(" ") }),
    debug: (...data: unknown[]) =>
      lines.push({ level: "debug", text: data.join(" ") }),
  }
  const config: AuthConfig = {
    providers: [LoginWithLink(options)],
    secret: TEST_SECRET,
    trustHost: true,
    basePath: "/auth",
    logger: createLinkLogger({ sink }),
  }
  return { config, steps: stepsOf(LoginWithLink(options)) }
}

/** Cookies from Set-Cookie headers, as name=value pairs. */
function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>()
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";")
    const index = pair!.indexOf("=")
    jar.set(pair!.slice(0, index), pair!.slice(index + 1))
  }
  return jar
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ")

async function csrf(config: AuthConfig) {
  const response = await Auth(new Request(`${ORIGIN}/auth/csrf`), config)
  expect(response.status).toBe(200)
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { csrfToken, jar: cookiesOf(response) }
}

async function postCallback(
  config: AuthConfig,
  fields: Record<string, string>
) {
  const { csrfToken, jar } = await csrf(config)
  const response = await Auth(
    new Request(`${ORIGIN}/auth/callback/link`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(jar),
      },
      body: new URLSearchParams({
        ...fields,
        csrfToken,
        callbackUrl: `${ORIGIN}/account`,
      }),
    }),
    config
  )
  return response
}

describe("Auth() with LoginWithLink", () => {
  it("a right code posted to the callback sets the session cookie and redirects to callbackUrl", async () => {
    const { config, steps } = setup()
    const sent = (await rejection(
      steps.start("jo@example.com")
    )) as LinkCodeSent
    expect(sent).toBeInstanceOf(LinkCodeSent)
    const response = await postCallback(config, {
      challenge: sent.challenge,
      code: env.sim.state.outbox.latestCode("jo@example.com")!,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get("location")).toBe(`${ORIGIN}/account`)
    const jar = cookiesOf(response)
    expect(jar.get("authjs.session-token")).toBeTruthy()
    const session = await Auth(
      new Request(`${ORIGIN}/auth/session`, {
        headers: { cookie: cookieHeader(jar) },
      }),
      config
    )
    expect(await session.json()).toMatchObject({
      user: { email: "jo@example.com", name: "Jo Doe" },
    })
    expect(lines.filter((line) => line.level === "error")).toEqual([])
  })

  it("a wrong code redirects to the sign-in page with error=CredentialsSignin&code=invalid_code", async () => {
    const { config, steps } = setup()
    const sent = (await rejection(
      steps.start("jo@example.com")
    )) as LinkCodeSent
    const code = env.sim.state.outbox.latestCode("jo@example.com")!
    const response = await postCallback(config, {
      challenge: sent.challenge,
      code: code === "111111" ? "222222" : "111111",
    })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get("location")!)
    expect(location.pathname).toBe("/auth/signin")
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: "CredentialsSignin",
      code: "invalid_code",
    })
    expect(cookiesOf(response).get("authjs.session-token")).toBeUndefined()
    // An expected outcome: not in the error log.
    expect(lines).toEqual([])
  })

  it("an email posted to the callback answers code=code_sent (the challenge needs a server action or the step functions)", async () => {
    const { config } = setup()
    const response = await postCallback(config, { email: "jo@example.com" })
    const location = new URL(response.headers.get("location")!)
    expect(location.searchParams.get("code")).toBe("code_sent")
    expect(env.sim.state.outbox.list("jo@example.com")).toHaveLength(1)
  })

  it("a tampered challenge redirects with code=challenge_invalid, logged as a one-line warning", async () => {
    const { config } = setup()
    const response = await postCallback(config, {
      challenge: "eyJhbGciOiJkaXIifQ..a.b.c",
      code: "123456",
    })
    expect(
      new URL(response.headers.get("location")!).searchParams.get("code")
    ).toBe("challenge_invalid")
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: "warn" })
    expect(lines[0]!.text).toMatch(/^\[auth\]\[link\] challenge_invalid/)
  })

  it("Link down redirects with code=link_unavailable and logs the upstream detail as an error", async () => {
    const { config } = setup()
    env.sim.state.faults.add({
      route: "lookup-email",
      kind: "status",
      status: 500,
      count: 1,
    })
    const response = await postCallback(config, { email: "jo@example.com" })
    expect(
      new URL(response.headers.get("location")!).searchParams.get("code")
    ).toBe("link_unavailable")
    expect(lines).toHaveLength(1)
    expect(lines[0]!.level).toBe("error")
    expect(lines[0]!.text).toContain("LinkApiError api_error status 500")
  })

  it("a POST without the CSRF token is refused before authorize() runs", async () => {
    const { config } = setup()
    const before = env.calls()
    const response = await Auth(
      new Request(`${ORIGIN}/auth/callback/link`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "jo@example.com" }),
      }),
      config
    )
    expect(response.status).toBe(302)
    expect(
      new URL(response.headers.get("location")!).searchParams.get("error")
    ).toBe("MissingCSRF")
    expect(env.calls()).toBe(before)
  })
})

describe("the user Auth.js gets: emailVerified (security item 11)", () => {
  /** Sign in through Auth() and return the `user` its jwt callback saw. */
  async function userSeenByAuthJs(overrides: LoginWithLinkOptions = {}) {
    const { config, steps } = setup(overrides)
    const seen: Record<string, unknown>[] = []
    config.callbacks = {
      jwt({ token, user }) {
        if (user) seen.push({ ...user })
        return token
      },
    }
    const sent = (await rejection(
      steps.start("jo@example.com")
    )) as LinkCodeSent
    const response = await postCallback(config, {
      challenge: sent.challenge,
      code: env.sim.state.outbox.latestCode("jo@example.com")!,
    })
    expect(response.status).toBe(302)
    expect(seen).toHaveLength(1)
    return seen[0]!
  }

  it("is null by default: Link proves the phone, not the mailbox", async () => {
    const user = await userSeenByAuthJs()
    expect(user).toMatchObject({
      id: "jo@example.com",
      email: "jo@example.com",
    })
    expect(user.emailVerified).toBeNull()
  })

  it("is the time of the sign-in with emailVerified: true (Auth.js adapters' Date)", async () => {
    const before = Date.now()
    const user = await userSeenByAuthJs({ emailVerified: true })
    expect(user.emailVerified).toBeInstanceOf(Date)
    expect((user.emailVerified as Date).getTime()).toBeGreaterThanOrEqual(
      before
    )
  })
})

describe("no log line carries the email or the lookup URL (security item 13)", () => {
  const EMAIL = "jo@example.com"
  const FORBIDDEN = [EMAIL, "jo%40example.com", "lookup-email?", "email="]

  /** Every answer of Link that ends in a log line, each echoing the email and the lookup URL. */
  const failures: [string, typeof globalThis.fetch][] = [
    [
      "a fetch whose error names the URL (as node-fetch's does)",
      async (input) => {
        throw new TypeError(
          `request to ${String(input instanceof Request ? input.url : input)} failed, reason: connect ECONNREFUSED`
        )
      },
    ],
    [
      "a 500 whose message echoes the email and the URL",
      async (input) =>
        Response.json(
          {
            errorMessage: `Lookup of ${EMAIL} failed (${String(input)})`,
            error: { code: "api_error", message: `GET ${String(input)}` },
          },
          { status: 500 }
        ),
    ],
    [
      "a 200 of an unexpected shape that holds the email",
      async () => Response.json({ userExistsOnLink: EMAIL }),
    ],
    [
      "an HTML page that holds the email",
      async () => new Response(`<p>${EMAIL}</p>`, { status: 400 }),
    ],
  ]

  it.each(failures)(
    "with linkLogger, and with Auth.js's default logger: %s",
    async (_name, fetch) => {
      const captured: string[] = []
      const consoleSpies = (
        ["error", "warn", "log", "info", "debug"] as const
      ).map((level) =>
        vi.spyOn(console, level).mockImplementation((...data: unknown[]) => {
          captured.push(
            data
              .map((d) =>
                d instanceof Error ? `${d.stack} ${String(d.cause)}` : String(d)
              )
              .join(" ")
          )
        })
      )
      try {
        for (const logger of ["linkLogger", "Auth.js default"] as const) {
          const { config } = setup({ fetch })
          if (logger === "Auth.js default") delete config.logger
          for (let i = 0; i < 2; i++) {
            const response = await postCallback(config, { email: EMAIL })
            expect(
              new URL(response.headers.get("location")!).searchParams.get(
                "code"
              )
            ).toBe("link_unavailable")
          }
        }
        const all = [...captured, ...lines.map((line) => line.text)]
        expect(all.length).toBeGreaterThan(0)
        for (const line of all) {
          for (const forbidden of FORBIDDEN)
            expect(line).not.toContain(forbidden)
        }
      } finally {
        for (const spy of consoleSpies) spy.mockRestore()
      }
    }
  )
})
