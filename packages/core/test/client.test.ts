import { describe, expect, it } from "vitest"
import {
  createLinkClient,
  LinkApiError,
  lookupEmailRequest,
  parseRetryAfter,
  processLookupEmailResponse,
} from "../src/index.js"
import {
  API_URL,
  interceptFetch,
  json,
  LINK,
  rejection,
  TEST_KEY,
} from "@login-with-link/test-helpers/link"

function client(fetch: typeof globalThis.fetch, timeout?: number) {
  return createLinkClient({
    publishableKey: TEST_KEY,
    apiUrl: `${API_URL}/`,
    fetch,
    ...(timeout === undefined ? {} : { timeout }),
  })
}

async function apiError(promise: Promise<unknown>): Promise<LinkApiError> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(LinkApiError)
  return error as LinkApiError
}

describe("lookupEmail", () => {
  it("sends a GET with the trimmed, lower-cased email and the publishable key", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () => LINK.lookupFound("cs_1", "+3*********90"),
    })
    const result = await client(link.fetch).lookupEmail("  Jo@Example.COM ")
    expect(result).toEqual({
      exists: true,
      clientSecret: "cs_1",
      redactedPhone: "+3*********90",
    })
    link.done()
    const [call] = link.calls
    expect(call!.method).toBe("GET")
    expect(call!.url.origin + call!.url.pathname).toBe(
      `${API_URL}/lookup-email`
    )
    expect(Object.fromEntries(call!.url.searchParams)).toEqual({
      email: "jo@example.com",
      STRIPE_PUBLIC_KEY: TEST_KEY,
    })
    expect(call!.headers.get("accept")).toBe("application/json")
  })

  it("answers exists: false for an email not on Link (a 200)", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () => LINK.lookupMissing(),
    })
    expect(await client(link.fetch).lookupEmail("new@example.com")).toEqual({
      exists: false,
    })
    link.done()
  })

  it("ignores unknown extra fields", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () =>
        json({
          result: "success",
          parametersSubmitted: {
            email: "jo@example.com",
            STRIPE_PUBLIC_KEY: "pk_test_...",
          },
          userExistsOnLink: true,
          client_secret: "cs_2",
          redacted_phone_number: "+1********23",
          somethingNew: { nested: [1, 2, 3] },
        }),
    })
    expect(await client(link.fetch).lookupEmail("jo@example.com")).toEqual({
      exists: true,
      clientSecret: "cs_2",
      redactedPhone: "+1********23",
    })
  })

  it("calls a found person without client_secret malformed", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () => json({ result: "success", userExistsOnLink: true }),
    })
    const error = await apiError(
      client(link.fetch).lookupEmail("jo@example.com")
    )
    expect(error.code).toBe("LWL_LINK_MALFORMED")
    expect(error.status).toBe(200)
  })

  it("works as a request/process pair", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () => LINK.lookupMissing(),
    })
    const response = await lookupEmailRequest(
      { publishableKey: TEST_KEY, apiUrl: API_URL, fetch: link.fetch },
      "a@b.co"
    )
    expect(response.status).toBe(200)
    expect(await processLookupEmailResponse(response)).toEqual({
      exists: false,
    })
  })
})

describe("startVerification", () => {
  it("POSTs JSON { client_secret, email } and returns the redacted phone", async () => {
    const link = interceptFetch({
      method: "POST",
      path: "/start_verification",
      respond: () => LINK.sent("+1********23"),
    })
    const result = await client(link.fetch).startVerification({
      clientSecret: "cs_1",
      email: "Jo@Example.com",
    })
    expect(result).toEqual({ redactedPhone: "+1********23" })
    link.done()
    const [call] = link.calls
    expect(call!.headers.get("content-type")).toBe("application/json")
    expect(call!.body).toEqual({
      client_secret: "cs_1",
      email: "jo@example.com",
    })
  })

  it("sends resend: true for a resend", async () => {
    const link = interceptFetch({
      method: "POST",
      path: "/start_verification",
      respond: () => json({ result: "success" }),
    })
    expect(
      await client(link.fetch).startVerification({
        clientSecret: "cs_1",
        email: "jo@example.com",
        resend: true,
      })
    ).toEqual({})
    expect(link.calls[0]!.body).toEqual({
      client_secret: "cs_1",
      email: "jo@example.com",
      resend: true,
    })
  })
})

describe("authenticate", () => {
  it("POSTs { client_secret, email, code } and returns the person", async () => {
    const link = interceptFetch({
      method: "POST",
      path: "/authenticate",
      respond: () =>
        LINK.authenticated("jo@example.com", { city: "San Francisco" }),
    })
    const person = await client(link.fetch).authenticate({
      clientSecret: "cs_1",
      email: "jo@example.com",
      code: "123456",
    })
    expect(person).toEqual({
      email: "jo@example.com",
      fullName: "Jo Doe",
      city: "San Francisco",
    })
    expect(link.calls[0]!.body).toEqual({
      client_secret: "cs_1",
      email: "jo@example.com",
      code: "123456",
    })
  })

  it("accepts a person with no name or city (null or absent)", async () => {
    const link = interceptFetch({
      method: "POST",
      path: "/authenticate",
      respond: () =>
        json({
          authenticationSuccessful: true,
          user: { email: "jo@example.com", fullName: null },
        }),
    })
    expect(
      await client(link.fetch).authenticate({
        clientSecret: "cs",
        email: "jo@example.com",
        code: "123456",
      })
    ).toEqual({
      email: "jo@example.com",
    })
  })

  it("turns the documented 200 failure with errorMessage only into LWL_LINK_ERROR", async () => {
    const link = interceptFetch({
      method: "POST",
      path: "/authenticate",
      respond: () =>
        json({ authenticationSuccessful: false, errorMessage: "Invalid code" }),
    })
    const error = await apiError(
      client(link.fetch).authenticate({
        clientSecret: "cs",
        email: "jo@example.com",
        code: "123456",
      })
    )
    expect(error).toMatchObject({
      status: 200,
      code: "LWL_LINK_ERROR",
      message: "Invalid code",
    })
  })

  it("keeps the client secret and the code out of error messages", async () => {
    const link = interceptFetch({
      method: "POST",
      path: "/authenticate",
      respond: () =>
        LINK.error(
          400,
          "consumer_verification_code_invalid",
          "Code 654321 is wrong for cs_live_topsecret"
        ),
    })
    const error = await apiError(
      client(link.fetch).authenticate({
        clientSecret: "cs_live_topsecret",
        email: "jo@example.com",
        code: "654321",
      })
    )
    expect(error.code).toBe("consumer_verification_code_invalid")
    expect(error.message).not.toContain("654321")
    expect(error.message).not.toContain("cs_live_topsecret")
    expect(error.message).toBe("Code [redacted] is wrong for [redacted]")
  })
})

describe("errors", () => {
  const lookup = (
    respond: () => Response | Promise<Response>,
    timeout?: number
  ) => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond,
    })
    return apiError(client(link.fetch, timeout).lookupEmail("jo@example.com"))
  }

  it.each([
    [400, "consumer_verification_code_invalid"],
    [400, "consumer_verification_expired"],
    [429, "consumer_verification_max_attempts_exceeded"],
    [400, "consumer_session_expired"],
    [401, "consumer_session_credentials_invalid"],
    [401, "invalid_public_key"],
    [500, "api_error"],
  ])("keeps status %i and Link's code %s", async (status, code) => {
    const error = await lookup(() => LINK.error(status, code, "what happened"))
    expect(error).toMatchObject({ status, code, message: "what happened" })
  })

  it("reads Retry-After (seconds) on a rate_limit", async () => {
    const error = await lookup(() =>
      LINK.error(429, "rate_limit", "slow down", { "retry-after": "17" })
    )
    expect(error).toMatchObject({
      status: 429,
      code: "rate_limit",
      retryAfter: 17,
    })
  })

  it("keeps param on parameter errors and attempts left when Link says", async () => {
    const error = await lookup(() =>
      json(
        {
          error: {
            code: "parameter_invalid",
            param: "email",
            message: "bad",
            attempts_remaining: 2,
          },
        },
        { status: 400 }
      )
    )
    expect(error).toMatchObject({
      code: "parameter_invalid",
      param: "email",
      attemptsLeft: 2,
    })
  })

  it("handles a failure that has only errorMessage", async () => {
    const error = await lookup(() =>
      json({ errorMessage: "Something broke" }, { status: 503 })
    )
    expect(error).toMatchObject({
      status: 503,
      code: "LWL_LINK_ERROR",
      message: "Something broke",
    })
  })

  it("handles an HTML error page", async () => {
    const error = await lookup(
      () =>
        new Response("<html><h1>502 Bad Gateway</h1></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        })
    )
    expect(error).toMatchObject({ status: 502, code: "LWL_LINK_ERROR" })
    expect(error.message).not.toContain("<html>")
  })

  it("calls invalid JSON on a 200 malformed", async () => {
    const error = await lookup(
      () =>
        new Response('{"result":"success","userExistsOnLink":tru', {
          status: 200,
        })
    )
    expect(error).toMatchObject({ status: 200, code: "LWL_LINK_MALFORMED" })
  })

  it("calls a 200 of the wrong shape malformed", async () => {
    for (const body of [[], "yes", { userExistsOnLink: "maybe" }, null]) {
      const error = await lookup(() => json(body))
      expect(error.code).toBe("LWL_LINK_MALFORMED")
    }
  })

  it("calls a body over 64 KB malformed", async () => {
    const error = await lookup(
      () => new Response("x".repeat(70_000), { status: 200 })
    )
    expect(error.code).toBe("LWL_LINK_MALFORMED")
  })

  it("gives LWL_LINK_NETWORK when fetch rejects", async () => {
    const error = await lookup(() =>
      Promise.reject(new TypeError("fetch failed"))
    )
    expect(error).toMatchObject({ status: 0, code: "LWL_LINK_NETWORK" })
  })

  it("gives LWL_LINK_TIMEOUT when Link does not answer in time", async () => {
    const neverAnswers = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () =>
            reject(request.signal.reason)
          )
        }),
    })
    const error = await apiError(
      client(neverAnswers.fetch, 20).lookupEmail("jo@example.com")
    )
    expect(error).toMatchObject({ status: 0, code: "LWL_LINK_TIMEOUT" })
  })

  it("gives LWL_LINK_TIMEOUT when the body never ends", async () => {
    const error = await lookup(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"result":'))
            },
          }),
          { status: 200 }
        ),
      20
    )
    expect(error).toMatchObject({ code: "LWL_LINK_TIMEOUT" })
  })

  it("gives LWL_LINK_ABORTED when the caller's signal aborts", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () =>
            reject(request.signal.reason)
          )
        }),
    })
    const controller = new AbortController()
    const pending = client(link.fetch).lookupEmail("jo@example.com", {
      signal: controller.signal,
    })
    controller.abort()
    expect(await apiError(pending)).toMatchObject({ code: "LWL_LINK_ABORTED" })
  })

  it("treats a redirect as a failure rather than following it", async () => {
    const error = await lookup(
      () =>
        new Response(null, {
          status: 302,
          headers: { location: "https://evil.test/" },
        })
    )
    // Not part of the API: malformed (link_unavailable to the person), not followed.
    expect(error).toMatchObject({ status: 302, code: "LWL_LINK_MALFORMED" })
  })

  it("passes per-call headers", async () => {
    const link = interceptFetch({
      method: "GET",
      path: "/lookup-email",
      respond: () => LINK.lookupMissing(),
    })
    await client(link.fetch).lookupEmail("jo@example.com", {
      headers: { "x-request-id": "r1" },
    })
    expect(link.calls[0]!.headers.get("x-request-id")).toBe("r1")
  })
})

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, at least 1 second", () => {
    expect(parseRetryAfter("30")).toBe(30)
    expect(parseRetryAfter("0")).toBe(1)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10)
    expect(parseRetryAfter("soon")).toBeUndefined()
    expect(parseRetryAfter(null)).toBeUndefined()
  })
})
