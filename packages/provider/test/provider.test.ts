import { CredentialsSignin } from "@auth/core/errors"
import { describe, expect, it } from "vitest"
import { authorizeOf, type Authorize } from "@login-with-link/test-helpers"
import { sealChallenge, unsealChallenge } from "@login-with-link/core"
import { LinkApiError } from "@login-with-link/core"
import {
  LinkCodeSent,
  LinkSignInFailed,
  LinkSignupRequired,
} from "../src/outcome-errors.js"
import type { LoginWithLinkOptions } from "@login-with-link/core"
import { LoginWithLink } from "../src/provider.js"
import {
  clientIpFromForwardedFor,
  MemoryRateLimiter,
} from "@login-with-link/core"
import {
  API_URL,
  authRequest,
  CONCEAL_SECRET,
  interceptFetch,
  json,
  LINK,
  noFetch,
  rejection,
  TEST_KEY,
  TEST_SECRET,
  testOptions,
  type Expected,
} from "@login-with-link/test-helpers/link"

/** Conceal mode, without the pacing floor (its own tests are in core's conceal.test.ts). */
const CONCEAL = {
  unknownEmail: "conceal",
  concealSecret: CONCEAL_SECRET,
  concealMinDuration: 0,
} as const

function authorizeWith(options: LoginWithLinkOptions): Authorize {
  const provider = LoginWithLink(options)
  return authorizeOf(provider)
}

const binding = `${TEST_KEY} ${API_URL}`
const sealing = { secret: TEST_SECRET, binding }

async function challengeFor(
  extra: Partial<{
    clientSecret: string
    resendAt: number
    expiresAt: number
    decoy: boolean
  }> = {}
) {
  return sealChallenge(
    {
      email: "jo@example.com",
      clientSecret: "cs_test_abc",
      redactedPhone: "+3*********90",
      expiresAt: Date.now() + 600_000,
      resendAt: Date.now() - 1000,
      ...extra,
    },
    sealing
  )
}

const lookup = (respond: Expected["respond"]): Expected => ({
  method: "GET",
  path: "/lookup-email",
  respond,
})
const send = (respond: Expected["respond"]): Expected => ({
  method: "POST",
  path: "/start_verification",
  respond,
})
const auth = (respond: Expected["respond"]): Expected => ({
  method: "POST",
  path: "/authenticate",
  respond,
})

describe("start: { email }", () => {
  it("looks the email up, sends the code and throws LinkCodeSent with a sealed challenge", async () => {
    const link = interceptFetch(
      lookup(() => LINK.lookupFound("cs_test_abc", "+3*********90")),
      send(() => LINK.sent("+3*********90"))
    )
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const before = Date.now()
    const error = await rejection(
      authorize({ email: "  Jo@Example.com ", csrfToken: "x" }, authRequest())
    )
    link.done()
    expect(error).toBeInstanceOf(LinkCodeSent)
    expect(error).toBeInstanceOf(CredentialsSignin)
    const sent = error as LinkCodeSent
    expect(sent).toMatchObject({
      code: "code_sent",
      redactedPhone: "+3*********90",
      email: "jo@example.com",
    })
    expect(sent.expiresAt).toBeGreaterThanOrEqual(before + 599_000)
    expect(sent.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000)
    expect(sent.resendAt).toBeGreaterThanOrEqual(before + 30_000)
    expect(sent.message).not.toContain("cs_test_abc")
    expect(sent.challenge).not.toContain("cs_test_abc")
    expect(await unsealChallenge(sent.challenge, sealing)).toMatchObject({
      email: "jo@example.com",
      clientSecret: "cs_test_abc",
    })
    expect(Object.fromEntries(link.calls[0]!.url.searchParams)).toEqual({
      email: "jo@example.com",
      STRIPE_PUBLIC_KEY: TEST_KEY,
    })
    expect(link.calls[1]!.body).toEqual({
      client_secret: "cs_test_abc",
      email: "jo@example.com",
    })
  })

  it("invites an email not on Link to sign up, with return_to the same-origin page it came from", async () => {
    const link = interceptFetch(lookup(() => LINK.lookupMissing()))
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const error = await rejection(
      authorize(
        { email: "New@Example.com" },
        authRequest({ referer: "https://shop.test/login?callbackUrl=%2Fcart" })
      )
    )
    link.done()
    expect(error).toBeInstanceOf(LinkSignupRequired)
    const invite = error as LinkSignupRequired
    expect(invite.code).toBe("signup_required")
    expect(invite.email).toBe("new@example.com")
    const url = new URL(invite.signupUrl)
    expect(url.origin + url.pathname).toBe("https://link.test/signup")
    expect(url.searchParams.get("email")).toBe("new@example.com")
    expect(url.searchParams.get("return_to")).toBe(
      "https://shop.test/login?callbackUrl=%2Fcart"
    )
  })

  it("leaves out return_to when the referer is another origin, and honours signupUrl", async () => {
    const link = interceptFetch(lookup(() => LINK.lookupMissing()))
    const authorize = authorizeWith(
      testOptions({ fetch: link.fetch, signupUrl: "https://join.test/start" })
    )
    const invite = (await rejection(
      authorize(
        { email: "new@example.com" },
        authRequest({ referer: "https://evil.test/" })
      )
    )) as LinkSignupRequired
    expect(invite.signupUrl).toBe(
      "https://join.test/start?email=new%40example.com"
    )
  })

  it("in conceal mode answers an unknown email as a known one, with no SMS", async () => {
    const link = interceptFetch(lookup(() => LINK.lookupMissing()))
    const authorize = authorizeWith(
      testOptions({ fetch: link.fetch, ...CONCEAL })
    )
    const error = await rejection(
      authorize({ email: "nobody@example.com" }, authRequest())
    )
    link.done()
    expect(error).toBeInstanceOf(LinkCodeSent)
    const sent = error as LinkCodeSent
    expect(sent.redactedPhone).toMatch(/^\+(1\*{8}|[34]\*{9})\d\d$/)
    expect(Object.keys(sent).sort()).toEqual(
      [
        "challenge",
        "code",
        "email",
        "expiresAt",
        "name",
        "redactedPhone",
        "resendAt",
        "type",
        "kind",
      ].sort()
    )
    // The same unknown email gets the same plausible phone every time, as a real one would.
    const again = interceptFetch(lookup(() => LINK.lookupMissing()))
    const second = (await rejection(
      authorizeWith(testOptions({ fetch: again.fetch, ...CONCEAL }))(
        { email: "nobody@example.com" },
        authRequest()
      )
    )) as LinkCodeSent
    expect(second.redactedPhone).toBe(sent.redactedPhone)
  })

  it("in conceal mode, the code step fails as a wrong code would, with no call to Link", async () => {
    const link = interceptFetch(lookup(() => LINK.lookupMissing()))
    const authorize = authorizeWith(
      testOptions({
        fetch: link.fetch,
        ...CONCEAL,
        resendCooldown: 0,
      })
    )
    const sent = (await rejection(
      authorize({ email: "nobody@example.com" }, authRequest())
    )) as LinkCodeSent
    link.done()
    const wrong = await rejection(
      authorize({ challenge: sent.challenge, code: "123456" }, authRequest())
    )
    expect(wrong).toBeInstanceOf(LinkSignInFailed)
    expect((wrong as LinkSignInFailed).code).toBe("invalid_code")
    const resent = await rejection(
      authorize({ challenge: sent.challenge, resend: "1" }, authRequest())
    )
    expect(resent).toBeInstanceOf(LinkCodeSent)
    expect(link.calls).toHaveLength(1)
  })
})

describe("resend: { challenge, resend }", () => {
  it("sends a new code (resend: true) and throws a fresh LinkCodeSent", async () => {
    const link = interceptFetch(send(() => LINK.sent("+3*********90")))
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const error = await rejection(
      authorize(
        { challenge: await challengeFor(), resend: "true" },
        authRequest()
      )
    )
    link.done()
    expect(error).toBeInstanceOf(LinkCodeSent)
    expect(link.calls[0]!.body).toEqual({
      client_secret: "cs_test_abc",
      email: "jo@example.com",
      resend: true,
    })
  })

  it("inside the cooldown is rate_limited with retryAfter, and Link is not called", async () => {
    const link = noFetch()
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const challenge = await challengeFor({ resendAt: Date.now() + 20_500 })
    const error = (await rejection(
      authorize({ challenge, resend: "1" }, authRequest())
    )) as LinkSignInFailed
    expect(error.code).toBe("rate_limited")
    expect(error.retryAfter).toBeGreaterThanOrEqual(20)
    expect(error.retryAfter).toBeLessThanOrEqual(21)
    link.done()
  })
})

describe("finish: { challenge, code }", () => {
  it("returns the user, id being the normalised email", async () => {
    const link = interceptFetch(
      auth(() =>
        LINK.authenticated("jo@example.com", { city: "San Francisco" })
      )
    )
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const user = await authorize(
      { challenge: await challengeFor(), code: "123 456" },
      authRequest()
    )
    expect(user).toEqual({
      id: "jo@example.com",
      email: "jo@example.com",
      name: "Jo Doe",
      city: "San Francisco",
      // Not vouched for: Link proves the phone, not the mailbox (the emailVerified option).
      emailVerified: null,
    })
    expect(link.calls[0]!.body).toEqual({
      client_secret: "cs_test_abc",
      email: "jo@example.com",
      code: "123456",
    })
  })

  it("accepts 123-456 as well", async () => {
    const link = interceptFetch(auth(() => LINK.authenticated()))
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    await authorize(
      { challenge: await challengeFor(), code: "123-456" },
      authRequest()
    )
    expect((link.calls[0]!.body as { code: string }).code).toBe("123456")
  })

  it("refuses a person Link returns under another email", async () => {
    const link = interceptFetch(
      auth(() => LINK.authenticated("someone@else.com"))
    )
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const error = (await rejection(
      authorize(
        { challenge: await challengeFor(), code: "123456" },
        authRequest()
      )
    )) as LinkSignInFailed
    expect(error.code).toBe("link_unavailable")
  })

  it("asks for the code when the challenge comes without one", async () => {
    const link = noFetch()
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const error = (await rejection(
      authorize({ challenge: await challengeFor(), code: "" }, authRequest())
    )) as LinkSignInFailed
    expect(error.code).toBe("invalid_code")
    link.done()
  })
})

describe("Link errors map to what a person may be told", () => {
  const cases: [string, () => Response, string, object?][] = [
    [
      "consumer_verification_code_invalid",
      () =>
        json(
          {
            error: {
              code: "consumer_verification_code_invalid",
              attempts_remaining: 3,
            },
          },
          { status: 400 }
        ),
      "invalid_code",
      { attemptsLeft: 3 },
    ],
    [
      "consumer_verification_expired",
      () => LINK.error(400, "consumer_verification_expired"),
      "code_expired",
    ],
    [
      "consumer_verification_max_attempts_exceeded",
      () => LINK.error(429, "consumer_verification_max_attempts_exceeded"),
      "too_many_attempts",
    ],
    [
      "consumer_session_expired",
      () => LINK.error(400, "consumer_session_expired"),
      "challenge_expired",
    ],
    [
      "consumer_session_credentials_invalid",
      () => LINK.error(401, "consumer_session_credentials_invalid"),
      "challenge_expired",
    ],
    [
      "rate_limit",
      () => LINK.error(429, "rate_limit", "slow", { "retry-after": "42" }),
      "rate_limited",
      { retryAfter: 42 },
    ],
    [
      "a 429 with no code",
      () =>
        new Response("busy", { status: 429, headers: { "retry-after": "5" } }),
      "rate_limited",
      { retryAfter: 5 },
    ],
    ["api_error (500)", () => LINK.error(500, "api_error"), "link_unavailable"],
    [
      "a 502 HTML page",
      () => new Response("<html>502</html>", { status: 502 }),
      "link_unavailable",
    ],
    [
      "invalid_public_key",
      () => LINK.error(401, "invalid_public_key"),
      "link_unavailable",
    ],
    [
      "malformed JSON",
      () => new Response("{nope", { status: 200 }),
      "link_unavailable",
    ],
    [
      "the documented errorMessage-only failure",
      () =>
        json({ authenticationSuccessful: false, errorMessage: "Invalid code" }),
      "invalid_code",
    ],
    [
      "parameter_invalid on code",
      () =>
        json(
          { error: { code: "parameter_invalid", param: "code" } },
          { status: 400 }
        ),
      "invalid_code",
    ],
  ]
  it.each(cases)(
    "on authenticate, %s -> %s",
    async (_name, respond, code, extra = {}) => {
      const link = interceptFetch(auth(respond))
      const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
      const error = await rejection(
        authorize(
          { challenge: await challengeFor(), code: "123456" },
          authRequest()
        )
      )
      expect(error).toBeInstanceOf(LinkSignInFailed)
      expect(error).toMatchObject({ code, ...extra })
      link.done()
    }
  )

  it("on lookup, an errorMessage-only failure is link_unavailable", async () => {
    const link = interceptFetch(
      lookup(() => json({ errorMessage: "down" }, { status: 503 }))
    )
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const error = (await rejection(
      authorize({ email: "jo@example.com" }, authRequest())
    )) as LinkSignInFailed
    expect(error.code).toBe("link_unavailable")
  })

  it("keeps the upstream detail in cause (for the log), with no secret or code in it", async () => {
    const link = interceptFetch(
      auth(() =>
        LINK.error(500, "api_error", "failed for cs_test_abc with 123456")
      )
    )
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const error = (await rejection(
      authorize(
        { challenge: await challengeFor(), code: "123456" },
        authRequest()
      )
    )) as LinkSignInFailed
    expect(error.code).toBe("link_unavailable")
    const cause = (error.cause as { err: LinkApiError }).err
    expect(cause).toBeInstanceOf(LinkApiError)
    expect(cause).toMatchObject({ status: 500, code: "api_error" })
    expect(cause.message).toBe("failed for [redacted] with [redacted]")
    expect(error.message).not.toMatch(/cs_test_abc|123456/)
  })

  it("a network failure or a timeout is link_unavailable", async () => {
    const down = interceptFetch(
      lookup(() => Promise.reject(new TypeError("fetch failed")))
    )
    const error = (await rejection(
      authorizeWith(testOptions({ fetch: down.fetch }))(
        { email: "jo@example.com" },
        authRequest()
      )
    )) as LinkSignInFailed
    expect(error.code).toBe("link_unavailable")
    expect((error.cause as { err: LinkApiError }).err.code).toBe(
      "LWL_LINK_NETWORK"
    )
    const slow = interceptFetch(
      lookup(
        (request) =>
          new Promise((_, reject) =>
            request.signal.addEventListener("abort", () =>
              reject(request.signal.reason)
            )
          )
      )
    )
    const late = (await rejection(
      authorizeWith(testOptions({ fetch: slow.fetch, timeout: 20 }))(
        { email: "jo@example.com" },
        authRequest()
      )
    )) as LinkSignInFailed
    expect(late.code).toBe("link_unavailable")
    expect((late.cause as { err: LinkApiError }).err.code).toBe(
      "LWL_LINK_TIMEOUT"
    )
  })
})

describe("bad challenges are refused with no call to Link", () => {
  it.each([
    ["garbage", async () => "not-a-challenge", "challenge_invalid"],
    ["oversized", async () => "a".repeat(5000), "challenge_invalid"],
    [
      "truncated",
      async () => (await challengeFor()).slice(0, -4),
      "challenge_invalid",
    ],
    [
      "tampered",
      async () => {
        const c = await challengeFor()
        return c.slice(0, 40) + (c[40] === "A" ? "B" : "A") + c.slice(41)
      },
      "challenge_invalid",
    ],
    [
      "expired",
      async () => challengeFor({ expiresAt: Date.now() - 1000 }),
      "challenge_expired",
    ],
    [
      "foreign key",
      async () =>
        sealChallenge(
          {
            email: "jo@example.com",
            clientSecret: "cs",
            redactedPhone: "",
            expiresAt: Date.now() + 60_000,
            resendAt: 0,
          },
          { secret: TEST_SECRET, binding: `pk_test_other ${API_URL}` }
        ),
      "challenge_invalid",
    ],
  ])("%s", async (_name, make, code) => {
    const link = noFetch()
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const challenge = await make()
    for (const credentials of [
      { challenge, code: "123456" },
      { challenge, resend: "1" },
    ]) {
      const error = await rejection(authorize(credentials, authRequest()))
      expect(error).toBeInstanceOf(LinkSignInFailed)
      expect((error as LinkSignInFailed).code).toBe(code)
    }
    link.done()
  })
})

describe("hostile credentials never reach Link and never throw anything else", () => {
  const cases: [string, unknown, string][] = [
    ["no credentials", undefined, "invalid_email"],
    ["null", null, "invalid_email"],
    ["a string", "jo@example.com", "invalid_email"],
    ["an array", ["jo@example.com"], "invalid_email"],
    ["an empty object", {}, "invalid_email"],
    ["email as a number", { email: 42 }, "invalid_email"],
    ["email as an array", { email: ["jo@example.com"] }, "invalid_email"],
    [
      "email as an object",
      { email: { toString: () => "jo@example.com" } },
      "invalid_email",
    ],
    [
      "a 1 MB email",
      { email: `${"a".repeat(1_000_000)}@example.com` },
      "invalid_email",
    ],
    ["two @", { email: "jo@example.com@evil.com" }, "invalid_email"],
    [
      "a comma list",
      { email: "jo@example.com,evil@evil.com" },
      "invalid_email",
    ],
    ["a quoted local part", { email: '"jo@x"@example.com' }, "invalid_email"],
    ["a fullwidth @", { email: "jo＠example.com" }, "invalid_email"],
    ["a null character", { email: "jo\u0000@example.com" }, "invalid_email"],
    [
      "a newline",
      { email: "jo@example.com\nBcc: x@evil.com" },
      "invalid_email",
    ],
    ["no domain dot", { email: "jo@localhost" }, "invalid_email"],
    [
      "a challenge as a number",
      { challenge: 7, code: "123456" },
      "challenge_invalid",
    ],
    [
      "a 1 MB challenge",
      { challenge: "a".repeat(1_000_000), code: "123456" },
      "challenge_invalid",
    ],
    [
      "a code as an array",
      { challenge: "x", code: ["123456"] },
      "invalid_code",
    ],
    [
      "a 1 MB code",
      { challenge: "x", code: "1".repeat(1_000_000) },
      "invalid_code",
    ],
    [
      "resend as an object",
      { challenge: "x", resend: {} },
      "challenge_invalid",
    ],
  ]
  it.each(cases)("%s -> %s", async (_name, credentials, code) => {
    const link = noFetch()
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const error = await rejection(authorize(credentials, authRequest()))
    expect(error).toBeInstanceOf(LinkSignInFailed)
    expect((error as LinkSignInFailed).code).toBe(code)
    link.done()
  })

  it("ignores __proto__ and inherited fields", async () => {
    const link = noFetch()
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const credentials = JSON.parse(
      '{"__proto__": {"email": "jo@example.com"}, "constructor": {"prototype": {}}}'
    ) as object
    const inherited = Object.create({ email: "jo@example.com" }) as object
    for (const value of [credentials, inherited]) {
      expect(await rejection(authorize(value, authRequest()))).toMatchObject({
        code: "invalid_email",
      })
    }
    expect(({} as { email?: unknown }).email).toBeUndefined()
    link.done()
  })

  it("survives a Proxy whose traps throw", async () => {
    const link = noFetch()
    const authorize = authorizeWith(testOptions({ fetch: link.fetch }))
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error("boom")
        },
      }
    )
    expect(await rejection(authorize(hostile, authRequest()))).toMatchObject({
      code: "invalid_email",
    })
    link.done()
  })

  it("turns a bug in an injected part into link_unavailable, not a crash", async () => {
    const authorize = authorizeWith(
      testOptions({
        fetch: (() => {
          throw new Error("boom")
        }) as typeof fetch,
      })
    )
    expect(
      await rejection(authorize({ email: "jo@example.com" }, authRequest()))
    ).toMatchObject({ code: "link_unavailable" })
    const limiterBug = authorizeWith(
      testOptions({
        rateLimit: { consume: () => Promise.reject(new Error("redis down")) },
        fetch: noFetch().fetch,
      })
    )
    expect(
      await rejection(limiterBug({ email: "jo@example.com" }, authRequest()))
    ).toMatchObject({ code: "link_unavailable" })
  })
})

describe("rate limits", () => {
  it("limits lookups per email (hashed) before calling Link", async () => {
    const limiter = new MemoryRateLimiter()
    const link = interceptFetch(
      lookup(() => LINK.lookupMissing()),
      lookup(() => LINK.lookupMissing())
    )
    const authorize = authorizeWith(
      testOptions({
        fetch: link.fetch,
        rateLimit: limiter,
        rateLimits: { lookupPerEmail: { points: 2, windowMs: 60_000 } },
      })
    )
    for (let i = 0; i < 2; i++) {
      expect(
        await rejection(authorize({ email: "new@example.com" }, authRequest()))
      ).toBeInstanceOf(LinkSignupRequired)
    }
    const limited = (await rejection(
      authorize({ email: "NEW@example.com" }, authRequest())
    )) as LinkSignInFailed
    expect(limited.code).toBe("rate_limited")
    expect(limited.retryAfter).toBeGreaterThan(0)
    link.done()
  })

  it("hashes emails in limiter keys, and counts the deployment-wide total last", async () => {
    const keys: string[] = []
    const link = interceptFetch(lookup(() => LINK.lookupMissing()))
    const authorize = authorizeWith(
      testOptions({
        fetch: link.fetch,
        rateLimit: {
          consume: async (key) => (keys.push(key), { allowed: true }),
        },
      })
    )
    await rejection(authorize({ email: "jo@example.com" }, authRequest()))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^link:lookupPerEmail:email:[0-9a-f]{32}$/)
    // No client IP: the IP-less budget.
    expect(keys[1]).toBe("link:lookupTotalNoIp:all")
    expect(keys.join()).not.toContain("jo@")
  })

  it("counts code attempts per email across challenges", async () => {
    const link = interceptFetch(
      auth(() => LINK.error(400, "consumer_verification_code_invalid")),
      auth(() => LINK.error(400, "consumer_verification_code_invalid"))
    )
    const authorize = authorizeWith(
      testOptions({
        fetch: link.fetch,
        rateLimit: new MemoryRateLimiter(),
        rateLimits: { attemptPerEmail: { points: 2, windowMs: 60_000 } },
      })
    )
    for (let i = 0; i < 2; i++) {
      expect(
        await rejection(
          authorize(
            { challenge: await challengeFor(), code: "111111" },
            authRequest()
          )
        )
      ).toMatchObject({ code: "invalid_code" })
    }
    expect(
      await rejection(
        authorize(
          { challenge: await challengeFor(), code: "111111" },
          authRequest()
        )
      )
    ).toMatchObject({ code: "rate_limited" })
    link.done()
  })

  it("limits per client IP only from the clientIp source the shop names", async () => {
    const options = {
      rateLimit: new MemoryRateLimiter(),
      rateLimits: { lookupPerIp: { points: 1, windowMs: 60_000 } },
    }
    const headers = { "x-forwarded-for": "203.0.113.9, 198.51.100.7" }
    const trusting = interceptFetch(
      lookup(() => LINK.lookupMissing()),
      lookup(() => LINK.lookupMissing())
    )
    const behindProxy = authorizeWith(
      testOptions({
        ...options,
        fetch: trusting.fetch,
        clientIp: clientIpFromForwardedFor({ hops: 1 }),
      })
    )
    await rejection(
      behindProxy({ email: "a@example.com" }, authRequest(headers))
    )
    expect(
      await rejection(
        behindProxy({ email: "b@example.com" }, authRequest(headers))
      )
    ).toMatchObject({ code: "rate_limited" })
    // Another client (the right-most hop is the one the proxy added) is not affected.
    const other = await rejection(
      behindProxy(
        { email: "c@example.com" },
        authRequest({ "x-forwarded-for": "203.0.113.9, 198.51.100.8" })
      )
    )
    expect(other).toBeInstanceOf(LinkSignupRequired)
    trusting.done()
    const ignoring = interceptFetch(
      lookup(() => LINK.lookupMissing()),
      lookup(() => LINK.lookupMissing())
    )
    const direct = authorizeWith(
      testOptions({
        ...options,
        rateLimit: new MemoryRateLimiter(),
        fetch: ignoring.fetch,
      })
    )
    await rejection(direct({ email: "a@example.com" }, authRequest(headers)))
    expect(
      await rejection(direct({ email: "b@example.com" }, authRequest(headers)))
    ).toBeInstanceOf(LinkSignupRequired)
    ignoring.done()
  })
})
