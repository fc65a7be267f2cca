import { beforeEach, describe, expect, test } from "vitest"
import { MESSAGES } from "../src/index.js"
import {
  LIVE_KEY,
  TEST_KEY,
  errorOf,
  get,
  lookup,
  makeSimulator,
} from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

describe("GET /api/lookup-email", () => {
  test("a person on Link gets a client_secret and their redacted phone number", async () => {
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({
      result: "success",
      parametersSubmitted: {
        email: "jo@example.com",
        STRIPE_PUBLIC_KEY: "pk_test_51Ab...redacted",
      },
      userExistsOnLink: true,
      client_secret: expect.any(String),
      redacted_phone_number: "+3*********90",
    })
  })

  test("the client_secret carries at least 128 bits and differs on every lookup", async () => {
    const a = (await (await lookup(sim, "jo@example.com")).json()) as {
      client_secret: string
    }
    const b = (await (await lookup(sim, "jo@example.com")).json()) as {
      client_secret: string
    }
    expect(a.client_secret).toMatch(/^[A-Za-z0-9_-]{22,}$/)
    expect(
      Buffer.from(a.client_secret, "base64url").length * 8
    ).toBeGreaterThanOrEqual(128)
    expect(a.client_secret).not.toBe(b.client_secret)
  })

  test("an email not on Link is a 200 with userExistsOnLink false and no client_secret", async () => {
    const res = await lookup(sim, "nobody@example.com")
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      result: "success",
      parametersSubmitted: {
        email: "nobody@example.com",
        STRIPE_PUBLIC_KEY: "pk_test_51Ab...redacted",
      },
      userExistsOnLink: false,
    })
  })

  test("the email is matched without regard to case or surrounding spaces", async () => {
    const body = (await (
      await lookup(sim, "  Jo@EXAMPLE.com ")
    ).json()) as Record<string, unknown>
    expect(body.userExistsOnLink).toBe(true)
    expect(body.parametersSubmitted).toEqual({
      email: "  Jo@EXAMPLE.com ",
      STRIPE_PUBLIC_KEY: "pk_test_51Ab...redacted",
    })
  })

  test("a configured live key is accepted and redacted", async () => {
    const body = (await (
      await lookup(sim, "jo@example.com", LIVE_KEY)
    ).json()) as Record<string, unknown>
    expect(body.userExistsOnLink).toBe(true)
    expect(body.parametersSubmitted).toEqual({
      email: "jo@example.com",
      STRIPE_PUBLIC_KEY: "pk_live_51Sh...redacted",
    })
  })

  test("the key may also come as a Bearer token", async () => {
    const res = await get(sim, "/api/lookup-email?email=jo@example.com", {
      headers: { authorization: `Bearer ${TEST_KEY}` },
    })
    expect(res.status).toBe(200)
  })

  test("a missing key is a 401 invalid_public_key", async () => {
    const res = await get(sim, "/api/lookup-email?email=jo@example.com")
    expect(res.status).toBe(401)
    expect((await errorOf(res)).error).toEqual({
      type: "authentication_error",
      code: "invalid_public_key",
      message: MESSAGES.publicKeyMissing,
    })
  })

  test("an unknown live key is a 401 invalid_public_key", async () => {
    const res = await lookup(sim, "jo@example.com", "pk_live_somebodyElse")
    expect(res.status).toBe(401)
    const body = await errorOf(res)
    expect(body.error.code).toBe("invalid_public_key")
    expect(body.errorMessage).toBe(MESSAGES.publicKeyInvalid)
  })

  test("a key that is not a publishable key is a 401 invalid_public_key", async () => {
    const res = await lookup(sim, "jo@example.com", "sk_test_secretkey")
    expect(res.status).toBe(401)
    expect((await errorOf(res)).error.code).toBe("invalid_public_key")
  })

  test("test keys are refused when only configured keys are accepted", async () => {
    const strict = makeSimulator({ acceptAnyTestKey: false })
    expect((await lookup(strict, "jo@example.com", TEST_KEY)).status).toBe(401)
    expect((await lookup(strict, "jo@example.com", LIVE_KEY)).status).toBe(200)
  })

  test("a lookup error has no authenticationSuccessful field", async () => {
    const body = await errorOf(
      await get(sim, "/api/lookup-email?email=jo@example.com")
    )
    expect(body).not.toHaveProperty("authenticationSuccessful")
  })
})
