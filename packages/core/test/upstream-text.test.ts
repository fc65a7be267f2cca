/**
 * Upstream text and personal data (security issue 11, items 8 and 13): what Link says in a
 * failure reaches an error message (and so a log) only redacted, then cut; an answer of an
 * unexpected shape fails closed as `link_unavailable` with a reason that names fields, never
 * values; the logger says it once a minute per reason; and no line prints the lookup URL, which
 * carries the email in its query string.
 */
import { describe, expect, it } from "vitest"
import { createLinkClient, LinkApiError } from "../src/index.js"
import { createLinkLogger } from "../src/logger.js"
import { createLinkSignIn } from "../src/sign-in.js"
import { LinkSignInError } from "../src/errors.js"
import { MAX_MESSAGE_LENGTH, redactMessage } from "../src/transport.js"
import {
  API_URL,
  interceptFetch,
  json,
  LINK,
  rejection,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

const client = (fetch: typeof globalThis.fetch) =>
  createLinkClient({ publishableKey: TEST_KEY, apiUrl: API_URL, fetch })

async function apiError(promise: Promise<unknown>): Promise<LinkApiError> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(LinkApiError)
  return error as LinkApiError
}

const SECRET = "cs_live_" + "S3cr3tV4lu3".repeat(4)

/** Every run of 8 characters of `secret`: none may survive in a message. */
function pieces(secret: string): string[] {
  const list: string[] = []
  for (let i = 0; i + 8 <= secret.length; i++) list.push(secret.slice(i, i + 8))
  return list
}

describe("redact, then cut (item 8)", () => {
  it("a client_secret straddling the 300-character cut leaves no piece of itself", async () => {
    for (const at of [MAX_MESSAGE_LENGTH - 30, MAX_MESSAGE_LENGTH - 10, 295]) {
      const message = `${"x".repeat(at)}${SECRET} trailing words`
      const link = interceptFetch({
        method: "POST",
        path: "/start_verification",
        respond: () => LINK.error(400, "parameter_invalid", message),
      })
      const error = await apiError(
        client(link.fetch).startVerification({
          clientSecret: SECRET,
          email: "jo@example.com",
        })
      )
      for (const piece of pieces(SECRET)) {
        expect(error.message).not.toContain(piece)
      }
      expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH + 1)
    }
  })

  it("a code straddling the cut leaves no piece of itself", () => {
    const message = `${"y".repeat(MAX_MESSAGE_LENGTH - 3)}654321 is wrong`
    const redacted = redactMessage(message, ["654321"])
    expect(redacted).not.toMatch(/654|321/)
  })

  it("cuts what is left to 300 characters, marked", () => {
    const redacted = redactMessage("z".repeat(1000), [])
    expect(redacted).toBe(`${"z".repeat(MAX_MESSAGE_LENGTH)}…`)
  })
})

describe("Link's text never carries the person's email (item 13)", () => {
  const EMAIL_FORMS = [
    "jo@example.com",
    "Jo@Example.COM",
    "jo%40example.com",
    "someone.else+tag@example.org",
  ]

  it.each([
    ["lookup-email", "GET", "/lookup-email"],
    ["start_verification", "POST", "/start_verification"],
    ["authenticate", "POST", "/authenticate"],
  ] as const)(
    "in %s's errorMessage and error.message, every form of an email is removed",
    async (_route, method, path) => {
      const said = `No session for ${EMAIL_FORMS.join(", ")} at https://loginwithlink.com/api/lookup-email?email=jo%40example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}`
      const link = interceptFetch({
        method,
        path,
        respond: () =>
          json(
            {
              errorMessage: said,
              error: { type: "x", code: "api_error", message: said },
            },
            { status: 500 }
          ),
      })
      const c = client(link.fetch)
      const call =
        path === "/lookup-email"
          ? c.lookupEmail(" Jo@Example.com")
          : path === "/start_verification"
            ? c.startVerification({
                clientSecret: SECRET,
                email: "jo@example.com",
              })
            : c.authenticate({
                clientSecret: SECRET,
                email: "jo@example.com",
                code: "123456",
              })
      const error = await apiError(call)
      expect(error.message).toContain("No session for [")
      for (const form of EMAIL_FORMS) {
        expect(error.message.toLowerCase()).not.toContain(form.toLowerCase())
      }
      expect(error.message).not.toMatch(/example\.(com|org)/)
      // The lookup URL's query (the email, by Link's design) is removed with it.
      expect(error.message).toContain(
        "https://loginwithlink.com/api/lookup-email (query removed)"
      )
      expect(error.message).not.toContain("STRIPE_PUBLIC_KEY")
    }
  )

  it("the person is never shown it: the step's error is a fixed message", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () =>
        LINK.error(500, "api_error", "Lookup failed for jo@example.com"),
    })
    const steps = createLinkSignIn({
      publishableKey: TEST_KEY,
      apiUrl: API_URL,
      secret: TEST_SECRET,
      fetch: link.fetch,
      rateLimit: false,
    })
    const error = (await rejection(
      steps.start("jo@example.com")
    )) as LinkSignInError
    expect(error.code).toBe("link_unavailable")
    expect(error.message).toBe("Link is unavailable")
    expect(String((error.cause as Error).message)).not.toContain("jo@")
  })
})

describe("an answer of an unexpected shape fails closed (item 13)", () => {
  const steps = (respond: () => Response, route = "/authenticate") => {
    const link = interceptFetch(
      ...(route === "/authenticate"
        ? []
        : [
            {
              method: "GET" as const,
              path: "/lookup-email",
              respond: () => LINK.lookupFound(),
            },
          ]),
      { method: "POST", path: route, respond }
    )
    return createLinkSignIn({
      publishableKey: TEST_KEY,
      apiUrl: API_URL,
      secret: TEST_SECRET,
      fetch: link.fetch,
      rateLimit: false,
    })
  }

  it.each([
    [
      "an HTML page with a 400",
      () => new Response("<html>nope</html>", { status: 400 }),
    ],
    ["an empty 401", () => new Response(null, { status: 401 })],
    [
      "a 400 of JSON Link does not send",
      () => json({ oops: true }, { status: 400 }),
    ],
    [
      "a 400 whose code is not a code",
      () =>
        json(
          { errorMessage: "x", error: { code: "Contact jo@example.com" } },
          { status: 400 }
        ),
    ],
    [
      "a 200 user that is not a user",
      () => json({ authenticationSuccessful: true, user: { email: 42 } }),
    ],
    [
      "a redirect",
      () =>
        new Response(null, {
          status: 307,
          headers: { location: "https://elsewhere.test/" },
        }),
    ],
  ])(
    "a code step answered with %s is link_unavailable, not a wrong code",
    async (_name, respond) => {
      const { sealChallenge } = await import("../src/challenge.js")
      const challenge = await sealChallenge(
        {
          email: "jo@example.com",
          clientSecret: "cs_test_abc",
          redactedPhone: "+3*********90",
          expiresAt: Date.now() + 600_000,
          resendAt: Date.now(),
        },
        { secret: TEST_SECRET, binding: `${TEST_KEY} ${API_URL}` }
      )
      const error = (await rejection(
        steps(respond).finish(challenge, "123456")
      )) as LinkSignInError
      expect(error.code).toBe("link_unavailable")
      const cause = error.cause as LinkApiError
      expect(cause.code).toBe("LWL_LINK_MALFORMED")
      expect(cause.message).toMatch(
        /not what the API documents \(authenticate: /
      )
      expect(cause.message).not.toContain("jo@example.com")
      expect(cause.message).not.toContain("42")
    }
  )

  it("the reason names the fields, never their values", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () =>
        json({
          userExistsOnLink: true,
          client_secret: { jo: "jo@example.com" },
        }),
    })
    const error = await apiError(
      client(link.fetch).lookupEmail("jo@example.com")
    )
    expect(error.code).toBe("LWL_LINK_MALFORMED")
    expect(error.message).toMatch(/lookup-email: .*client_secret/)
    expect(error.message).not.toContain("jo@example.com")
  })

  it("a 5xx or 429 of any body is still Link being down or limiting (not drift)", async () => {
    const down = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () => new Response("<html>Bad gateway</html>", { status: 502 }),
    })
    expect(
      (await apiError(client(down.fetch).lookupEmail("jo@example.com"))).code
    ).toBe("LWL_LINK_ERROR")
  })
})

describe("the logger says it once a minute per reason (item 13)", () => {
  function capture() {
    let now = 1_000_000
    const lines: string[] = []
    const logger = createLinkLogger({
      now: () => now,
      sink: {
        error: (...data) => lines.push(`error ${data.join(" ")}`),
        warn: (...data) => lines.push(`warn ${data.join(" ")}`),
        debug: () => {},
      },
    })
    return { logger, lines, tick: (ms: number) => (now += ms) }
  }

  const malformed = (reason: string) =>
    new LinkSignInError("link_unavailable", {
      cause: new LinkApiError({
        status: 200,
        code: "LWL_LINK_MALFORMED",
        message: `Link's response is not what the API documents (${reason})`,
      }),
    })

  it("1,000 requests of one unexpected shape in a minute: one line, then one with the count", () => {
    const { logger, lines, tick } = capture()
    for (let i = 0; i < 1000; i++) {
      logger.error(malformed("lookup-email: userExistsOnLink invalid_union"))
      tick(50)
    }
    // 50 s in: still one line.
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^error \[auth\]\[error\] link_unavailable: LinkApiError LWL_LINK_MALFORMED status 200: .*userExistsOnLink invalid_union.*at most once a minute$/
    )
    tick(10_000)
    logger.error(malformed("lookup-email: userExistsOnLink invalid_union"))
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain("(999 more like it since the last such line)")
  })

  it("each reason has its own minute; other failures are logged as before", () => {
    const { logger, lines } = capture()
    logger.error(malformed("lookup-email: not JSON"))
    logger.error(malformed("authenticate: user.email invalid_type"))
    logger.error(malformed("lookup-email: not JSON"))
    expect(lines).toHaveLength(2)
    const down = new LinkSignInError("link_unavailable", {
      cause: new LinkApiError({
        status: 503,
        code: "api_error",
        message: "down",
      }),
    })
    logger.error(down)
    logger.error(down)
    expect(lines).toHaveLength(4)
  })

  it("a spent challenge Link accepted again is logged the same way, though the person sees challenge_expired", () => {
    const { logger, lines } = capture()
    const replay = new LinkSignInError("challenge_expired", {
      cause: new LinkApiError({
        status: 200,
        code: "LWL_LINK_REPLAYED",
        message: "Link accepted a challenge that had already signed someone in",
      }),
    })
    logger.error(replay)
    logger.error(replay)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /challenge_expired: LinkApiError LWL_LINK_REPLAYED/
    )
  })
})
