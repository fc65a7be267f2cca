import { beforeEach, describe, expect, test } from "vitest"
import { DEFAULTS, MESSAGES, TEST_MODE_CODE } from "../src/index.js"
import {
  LIVE_KEY,
  authenticate,
  errorOf,
  makeSimulator,
  postForm,
  secretFor,
  start,
  started,
  wrongCode,
} from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

describe("POST /api/authenticate", () => {
  test("the code that was sent signs the person in and returns their saved details", async () => {
    const { clientSecret, code } = await started(sim)
    const res = await authenticate(sim, clientSecret, code)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      authenticationSuccessful: true,
      user: {
        email: "jo@example.com",
        fullName: "Jo Doe",
        city: "San Francisco, California 94114",
      },
    })
  })

  test("a person who saved no name or city gets only their email", async () => {
    const { clientSecret, code } = await started(sim, "alex@example.com")
    const res = await authenticate(sim, clientSecret, code, "alex@example.com")
    expect(await res.json()).toEqual({
      authenticationSuccessful: true,
      user: { email: "alex@example.com" },
    })
  })

  test("form encoding is accepted as well as JSON", async () => {
    const { clientSecret, code } = await started(sim)
    const res = await postForm(sim, "/api/authenticate", {
      client_secret: clientSecret,
      email: "jo@example.com",
      code,
    })
    expect(res.status).toBe(200)
  })

  test("the email is matched without regard to case or surrounding spaces", async () => {
    const { clientSecret, code } = await started(sim)
    const res = await authenticate(sim, clientSecret, code, "\tJo@Example.COM ")
    expect(res.status).toBe(200)
  })

  test("a wrong code is a 400 consumer_verification_code_invalid with authenticationSuccessful false", async () => {
    const { clientSecret, code } = await started(sim)
    const res = await authenticate(sim, clientSecret, wrongCode(code))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      authenticationSuccessful: false,
      errorMessage: MESSAGES.codeInvalid,
      error: {
        type: "invalid_request_error",
        code: "consumer_verification_code_invalid",
        message: MESSAGES.codeInvalid,
      },
    })
  })

  test("a right code after a wrong one still works", async () => {
    const { clientSecret, code } = await started(sim)
    await authenticate(sim, clientSecret, wrongCode(code))
    expect((await authenticate(sim, clientSecret, code)).status).toBe(200)
  })

  test("a code before any was sent is a 400 consumer_verification_code_invalid saying to start first", async () => {
    const secret = await secretFor(sim)
    const res = await authenticate(sim, secret, "123456")
    expect(res.status).toBe(400)
    const body = await errorOf(res)
    expect(body.error.code).toBe("consumer_verification_code_invalid")
    expect(body.errorMessage).toBe(MESSAGES.codeNotSent)
  })

  test("an unknown client_secret is a 401 consumer_session_credentials_invalid", async () => {
    const res = await authenticate(
      sim,
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "123456"
    )
    expect(res.status).toBe(401)
    const body = await errorOf(res)
    expect(body.authenticationSuccessful).toBe(false)
    expect(body.error.code).toBe("consumer_session_credentials_invalid")
  })

  test("a client_secret sent with another person's email is a 401 consumer_session_credentials_invalid", async () => {
    const { clientSecret, code } = await started(sim)
    const res = await authenticate(sim, clientSecret, code, "sam@example.com")
    expect(res.status).toBe(401)
    expect((await errorOf(res)).error.code).toBe(
      "consumer_session_credentials_invalid"
    )
  })

  test("a client_secret sent with another key is a 401 consumer_session_credentials_invalid", async () => {
    const { clientSecret, code } = await started(sim)
    const res = await authenticate(sim, clientSecret, code, "jo@example.com", {
      STRIPE_PUBLIC_KEY: LIVE_KEY,
    })
    expect(res.status).toBe(401)
    expect((await errorOf(res)).error.code).toBe(
      "consumer_session_credentials_invalid"
    )
  })
})

describe("a spent client_secret", () => {
  test("the same code a second time is a 400 consumer_session_expired", async () => {
    const { clientSecret, code } = await started(sim)
    await authenticate(sim, clientSecret, code)
    const res = await authenticate(sim, clientSecret, code)
    expect(res.status).toBe(400)
    const body = await errorOf(res)
    expect(body.error.code).toBe("consumer_session_expired")
    expect(body.errorMessage).toBe(MESSAGES.sessionSpent)
  })

  test("a resend on a spent client_secret is a 400 consumer_session_expired", async () => {
    const { clientSecret, code } = await started(sim)
    await authenticate(sim, clientSecret, code)
    sim.state.clock.advance(DEFAULTS.resendCooldownMs)
    const res = await start(sim, clientSecret)
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error.code).toBe("consumer_session_expired")
  })
})

describe("code expiry", () => {
  test("a code one millisecond before it expires works", async () => {
    const { clientSecret, code } = await started(sim)
    sim.state.clock.advance(DEFAULTS.codeTtlMs - 1)
    expect((await authenticate(sim, clientSecret, code)).status).toBe(200)
  })

  test("a code at its expiry is a 400 consumer_verification_expired", async () => {
    const { clientSecret, code } = await started(sim)
    sim.state.clock.advance(DEFAULTS.codeTtlMs)
    const res = await authenticate(sim, clientSecret, code)
    expect(res.status).toBe(400)
    const body = await errorOf(res)
    expect(body.error.code).toBe("consumer_verification_expired")
    expect(body.errorMessage).toBe(MESSAGES.codeExpired)
  })

  test("the test-mode code also expires", async () => {
    const { clientSecret } = await started(sim)
    sim.state.clock.advance(DEFAULTS.codeTtlMs)
    expect(
      (await errorOf(await authenticate(sim, clientSecret, TEST_MODE_CODE)))
        .error.code
    ).toBe("consumer_verification_expired")
  })

  test("after expiry a resend gives a code that works", async () => {
    const { clientSecret } = await started(sim)
    sim.state.clock.advance(DEFAULTS.codeTtlMs)
    expect(
      (await start(sim, clientSecret, "jo@example.com", { resend: true }))
        .status
    ).toBe(200)
    const code = sim.state.outbox.latestCode("jo@example.com") ?? ""
    expect((await authenticate(sim, clientSecret, code)).status).toBe(200)
  })

  test("a configured code lifetime is used", async () => {
    const short = makeSimulator({ codeTtlMs: 1000 })
    const { clientSecret, code } = await started(short)
    short.state.clock.advance(1000)
    expect((await authenticate(short, clientSecret, code)).status).toBe(400)
  })
})

describe("attempt limit", () => {
  async function wrongTimes(n: number) {
    const { clientSecret, code } = await started(sim)
    let last: Response | undefined
    for (let i = 0; i < n; i++)
      last = await authenticate(sim, clientSecret, wrongCode(code))
    return { clientSecret, code, last }
  }

  test("the fifth wrong code is still a 400 consumer_verification_code_invalid", async () => {
    const { last } = await wrongTimes(DEFAULTS.maxAttempts)
    expect(last?.status).toBe(400)
    expect((await errorOf(last as Response)).error.code).toBe(
      "consumer_verification_code_invalid"
    )
  })

  test("the right code after four wrong ones works", async () => {
    const { clientSecret, code } = await wrongTimes(DEFAULTS.maxAttempts - 1)
    expect((await authenticate(sim, clientSecret, code)).status).toBe(200)
  })

  test("the sixth attempt is a 429 consumer_verification_max_attempts_exceeded, even with the right code", async () => {
    const { clientSecret, code } = await wrongTimes(DEFAULTS.maxAttempts)
    const res = await authenticate(sim, clientSecret, code)
    expect(res.status).toBe(429)
    const body = await errorOf(res)
    expect(body.authenticationSuccessful).toBe(false)
    expect(body.error.code).toBe("consumer_verification_max_attempts_exceeded")
    expect(body.errorMessage).toBe(MESSAGES.maxAttempts)
  })

  test("a resend does not restore attempts on a client_secret that ran out", async () => {
    const { clientSecret } = await wrongTimes(DEFAULTS.maxAttempts)
    sim.state.clock.advance(DEFAULTS.resendCooldownMs)
    const res = await start(sim, clientSecret)
    expect(res.status).toBe(429)
    expect((await errorOf(res)).error.code).toBe(
      "consumer_verification_max_attempts_exceeded"
    )
  })

  test("a new lookup starts a fresh set of attempts", async () => {
    await wrongTimes(DEFAULTS.maxAttempts)
    sim.state.clock.advance(DEFAULTS.resendCooldownMs)
    const { clientSecret, code } = await started(sim)
    expect((await authenticate(sim, clientSecret, code)).status).toBe(200)
  })

  test("a configured attempt limit is used", async () => {
    const strict = makeSimulator({ maxAttempts: 1 })
    const { clientSecret, code } = await started(strict)
    expect(
      (await authenticate(strict, clientSecret, wrongCode(code))).status
    ).toBe(400)
    expect((await authenticate(strict, clientSecret, code)).status).toBe(429)
  })
})

describe("test mode", () => {
  test("000000 works with a pk_test_ key", async () => {
    const { clientSecret } = await started(sim)
    const res = await authenticate(sim, clientSecret, TEST_MODE_CODE)
    expect(res.status).toBe(200)
  })

  test("000000 is a wrong code with a live key", async () => {
    const { clientSecret, code } = await started(
      sim,
      "jo@example.com",
      LIVE_KEY
    )
    const res = await authenticate(
      sim,
      clientSecret,
      code === TEST_MODE_CODE ? "999999" : TEST_MODE_CODE
    )
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error.code).toBe(
      "consumer_verification_code_invalid"
    )
  })

  test("the code that was sent works with a live key", async () => {
    const { clientSecret, code } = await started(
      sim,
      "jo@example.com",
      LIVE_KEY
    )
    expect((await authenticate(sim, clientSecret, code)).status).toBe(200)
  })
})
