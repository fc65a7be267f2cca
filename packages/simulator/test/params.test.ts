import { beforeEach, describe, expect, test } from "vitest"
import { MAX_PARAM_LENGTH, MESSAGES } from "../src/index.js"
import {
  BASE,
  TEST_KEY,
  errorOf,
  get,
  makeSimulator,
  postJson,
  secretFor,
} from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

function post(path: string, body: string, contentType?: string) {
  return sim.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: contentType ? { "content-type": contentType } : {},
      body,
    })
  )
}

describe("bad input", () => {
  test("a body that is not JSON is a 400 parameter_invalid", async () => {
    const res = await post("/api/authenticate", "{not json", "application/json")
    expect(res.status).toBe(400)
    const body = await errorOf(res)
    expect(body).toEqual({
      authenticationSuccessful: false,
      errorMessage: MESSAGES.badJson,
      error: {
        type: "invalid_request_error",
        code: "parameter_invalid",
        message: MESSAGES.badJson,
      },
    })
  })

  test("a JSON body that is not an object is a 400 parameter_invalid", async () => {
    const res = await post(
      "/api/start_verification",
      "[1,2]",
      "application/json"
    )
    expect(res.status).toBe(400)
    expect((await errorOf(res)).errorMessage).toBe(MESSAGES.notObject)
  })

  test("an unsupported content type is a 400 parameter_invalid", async () => {
    const res = await post(
      "/api/start_verification",
      "client_secret=x",
      "text/plain"
    )
    expect(res.status).toBe(400)
    const body = await errorOf(res)
    expect(body.error.code).toBe("parameter_invalid")
    expect(body.errorMessage).toBe(MESSAGES.contentType)
  })

  test("an oversized body is a 413 parameter_invalid", async () => {
    const res = await post(
      "/api/start_verification",
      JSON.stringify({ pad: "x".repeat(20_000) }),
      "application/json"
    )
    expect(res.status).toBe(413)
    expect((await errorOf(res)).errorMessage).toBe(MESSAGES.bodyTooLarge)
  })

  test("a declared Content-Length over the limit is refused before the body is read", async () => {
    const res = await sim.fetch(
      new Request(`${BASE}/api/start_verification`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": "1000000",
        },
        body: "{}",
      })
    )
    expect(res.status).toBe(413)
    expect((await errorOf(res)).errorMessage).toBe(MESSAGES.bodyTooLarge)
  })

  test("an empty body is a 400 parameter_missing naming the first parameter", async () => {
    const res = await post("/api/start_verification", "", "application/json")
    expect(res.status).toBe(400)
    const body = await errorOf(res)
    expect(body.error).toEqual({
      type: "invalid_request_error",
      code: "parameter_missing",
      param: "client_secret",
      message: MESSAGES.missing("client_secret"),
    })
  })

  test("a missing email on lookup is a 400 parameter_missing with param email", async () => {
    const res = await get(
      sim,
      `/api/lookup-email?STRIPE_PUBLIC_KEY=${TEST_KEY}`
    )
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_missing",
      param: "email",
    })
  })

  test("an empty email on lookup is a 400 parameter_missing with param email", async () => {
    const res = await get(
      sim,
      `/api/lookup-email?email=&STRIPE_PUBLIC_KEY=${TEST_KEY}`
    )
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_missing",
      param: "email",
    })
  })

  test("a malformed email is a 400 parameter_invalid with param email", async () => {
    const res = await get(
      sim,
      `/api/lookup-email?email=not-an-email&STRIPE_PUBLIC_KEY=${TEST_KEY}`
    )
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toEqual({
      type: "invalid_request_error",
      code: "parameter_invalid",
      param: "email",
      message: MESSAGES.badEmail,
    })
  })

  test("an unknown query parameter on lookup is a 400 parameter_invalid naming it", async () => {
    const res = await get(
      sim,
      `/api/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}&extra=1`
    )
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "extra",
      message: MESSAGES.unknown("extra"),
    })
  })

  test("a repeated query parameter is a 400 parameter_invalid naming it", async () => {
    const res = await get(
      sim,
      `/api/lookup-email?email=a@example.com&email=b@example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}`
    )
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "email",
      message: MESSAGES.repeated("email"),
    })
  })

  test("an unknown body parameter is a 400 parameter_invalid naming it", async () => {
    const secret = await secretFor(sim)
    const res = await postJson(sim, "/api/start_verification", {
      client_secret: secret,
      email: "jo@example.com",
      phone: "+1",
    })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "phone",
    })
  })

  test("a query parameter other than the key on a POST is a 400 parameter_invalid naming it", async () => {
    const secret = await secretFor(sim)
    const res = await postJson(
      sim,
      "/api/start_verification?email=jo@example.com",
      {
        client_secret: secret,
        email: "jo@example.com",
      }
    )
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "email",
    })
  })

  test("a non-string parameter is a 400 parameter_invalid naming it", async () => {
    const res = await postJson(sim, "/api/authenticate", {
      client_secret: "x",
      email: "jo@example.com",
      code: 123456,
    })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toEqual({
      type: "invalid_request_error",
      code: "parameter_invalid",
      param: "code",
      message: MESSAGES.notString("code"),
    })
  })

  test("a null parameter is a 400 parameter_invalid naming it", async () => {
    const res = await postJson(sim, "/api/start_verification", {
      client_secret: null,
      email: "jo@example.com",
    })
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "client_secret",
    })
  })

  test("a missing code is a 400 parameter_missing with param code", async () => {
    const secret = await secretFor(sim)
    const res = await postJson(sim, "/api/authenticate", {
      client_secret: secret,
      email: "jo@example.com",
    })
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_missing",
      param: "code",
    })
  })

  test("a code that is not six digits is a 400 parameter_invalid with param code", async () => {
    const secret = await secretFor(sim)
    const res = await postJson(sim, "/api/authenticate", {
      client_secret: secret,
      email: "jo@example.com",
      code: "12345",
    })
    expect((await errorOf(res)).error).toEqual({
      type: "invalid_request_error",
      code: "parameter_invalid",
      param: "code",
      message: MESSAGES.badCode,
    })
  })

  test("a parameter over 1 KB is a 400 parameter_invalid naming it", async () => {
    const res = await postJson(sim, "/api/start_verification", {
      client_secret: "x".repeat(MAX_PARAM_LENGTH + 1),
      email: "jo@example.com",
    })
    expect((await errorOf(res)).error).toEqual({
      type: "invalid_request_error",
      code: "parameter_invalid",
      param: "client_secret",
      message: MESSAGES.tooLong("client_secret", MAX_PARAM_LENGTH),
    })
  })

  test("a parameter of exactly 1 KB is accepted as a value", async () => {
    const res = await postJson(sim, "/api/start_verification", {
      client_secret: "x".repeat(MAX_PARAM_LENGTH),
      email: "jo@example.com",
    })
    expect((await errorOf(res)).error.code).toBe(
      "consumer_session_credentials_invalid"
    )
  })

  test("a resend that is not a boolean is a 400 parameter_invalid with param resend", async () => {
    const secret = await secretFor(sim)
    const res = await postJson(sim, "/api/start_verification", {
      client_secret: secret,
      email: "jo@example.com",
      resend: "yes",
    })
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "resend",
      message: MESSAGES.badResend,
    })
  })

  test("an unknown route is a JSON 404 resource_missing", async () => {
    const res = await get(sim, "/api/nope")
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).toContain("application/json")
    expect((await errorOf(res)).error).toEqual({
      type: "invalid_request_error",
      code: "resource_missing",
      message: MESSAGES.notFound,
    })
  })

  test("a wrong method on an API route is a JSON 404", async () => {
    const res = await get(sim, "/api/authenticate")
    expect(res.status).toBe(404)
    expect((await errorOf(res)).error.code).toBe("resource_missing")
  })
})

describe("unexpected failures", () => {
  test("an exception inside the simulator is a JSON 500 api_error without a stack", async () => {
    const broken = makeSimulator()
    broken.state.people.get = () => {
      throw new Error("disk on fire at /secret/path.ts:12")
    }
    const res = await lookupRaw(broken)
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain("disk on fire")
    expect(JSON.parse(text)).toEqual({
      errorMessage: MESSAGES.apiError,
      error: {
        type: "api_error",
        code: "api_error",
        message: MESSAGES.apiError,
      },
    })
  })
})

function lookupRaw(s: ReturnType<typeof makeSimulator>) {
  return s.fetch(
    new Request(
      `${BASE}/api/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}`
    )
  )
}
