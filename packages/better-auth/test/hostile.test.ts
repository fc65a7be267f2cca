/**
 * Hostile bodies: wrong types, huge strings, arrays, missing fields, bad JSON, oversized or
 * endless bodies. Each gets a coded 4xx (never a 500), and Link is called 0 times.
 */
import { describe, expect, it } from "vitest"
import {
  app,
  BASE,
  json,
  post,
  sessionCookie,
  startFor,
  useLink,
} from "./harness.js"

const { link, sim } = useLink()

const huge = "x".repeat(5000)

/** Bodies that are wrong for every route. */
const everywhere: [string, unknown][] = [
  ["no fields", {}],
  ["null", null],
  ["an array", [1, 2, 3]],
  ["an array of objects", [{ email: "jo@example.com" }]],
  ["a string", "jo@example.com"],
  ["a number", 42],
  ["true", true],
]

const cases: Record<
  string,
  { code: string; bodies: [string, unknown, string?][] }
> = {
  "/sign-in/link/start": {
    code: "INVALID_EMAIL",
    bodies: [
      ...everywhere,
      ["email as a number", { email: 42 }],
      ["email as an array", { email: ["jo@example.com"] }],
      ["email as an object", { email: { $ne: "" } }],
      ["email null", { email: null }],
      ["a huge email", { email: `${huge}@example.com` }],
      ["two emails", { email: "jo@example.com,sam@example.com" }],
      ["a look-alike @", { email: "jo＠example.com" }],
      ["a header injection", { email: "jo@example.com\r\nBcc: x@y.z" }],
      ["an empty email", { email: "" }],
      [
        "callbackURL as an object",
        { email: "jo@example.com", callbackURL: {} },
      ],
      [
        "a huge callbackURL",
        { email: "jo@example.com", callbackURL: `/${huge}` },
      ],
    ],
  },
  "/sign-in/link/resend": {
    code: "CHALLENGE_INVALID",
    bodies: [
      ...everywhere,
      ["challenge as a number", { challenge: 1 }],
      ["challenge as an array", { challenge: ["a.b.c"] }],
      ["a huge challenge", { challenge: huge }],
      ["garbage", { challenge: "not-a-challenge" }],
      ["an empty challenge", { challenge: "" }],
    ],
  },
  "/sign-in/link/verify": {
    code: "CHALLENGE_INVALID",
    bodies: [
      ...everywhere,
      ["no code", { challenge: "a.b.c.d.e" }, "INVALID_CODE"],
      [
        "code as a number",
        { challenge: "a.b.c.d.e", code: 123456 },
        "INVALID_CODE",
      ],
      ["a huge code", { challenge: "a.b.c.d.e", code: huge }, "INVALID_CODE"],
      ["challenge as an object", { challenge: { a: 1 }, code: "123456" }],
      ["a huge challenge", { challenge: huge, code: "123456" }],
      ["garbage", { challenge: "not-a-challenge", code: "123456" }],
      ["__proto__", JSON.parse('{"__proto__":{"admin":true},"code":"1"}')],
    ],
  },
}

describe.each(Object.entries(cases))("%s", (path, { code, bodies }) => {
  it.each(bodies)("%s: a coded 4xx, no Link call", async (_, body, only) => {
    const { auth } = app(link)
    const response = await post(auth, path, JSON.stringify(body))
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    const answer = await json(response)
    expect(answer.code).toMatch(/^[A-Z_]+$/)
    if (response.status === 400) expect(answer.code).toBe(only ?? code)
    else expect(answer.code).toBe("CHALLENGE_INVALID") // a well-formed string that does not unseal
    expect(sessionCookie(response)).toBeUndefined()
    expect(await sim.calls()).toBe(0)
  })

  it("bad JSON: 400 with the route's code", async () => {
    const { auth } = app(link)
    for (const text of ["{nope", '{"email":', "\u0000", '"unterminated']) {
      const response = await post(auth, path, text)
      expect(response.status).toBe(400)
      expect((await json(response)).code).toBe(code)
    }
    expect(await sim.calls()).toBe(0)
  })

  it("no body, or not JSON: a coded 4xx", async () => {
    const { auth } = app(link)
    const empty = await auth.handler(
      new Request(`${BASE}${path}`, { method: "POST" })
    )
    expect(empty.status).toBe(400)
    expect((await json(empty)).code).toBe(code)
    const form = await auth.handler(
      new Request(`${BASE}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "email=jo%40example.com",
      })
    )
    expect(form.status).toBe(415)
    expect((await json(form)).code).toBe("UNSUPPORTED_MEDIA_TYPE")
    expect(await sim.calls()).toBe(0)
  })

  it("REQUEST_BODY_TOO_LARGE: 413 for a body over the limit, declared or not", async () => {
    const { auth } = app(link)
    const big = JSON.stringify({
      email: "jo@example.com",
      pad: "x".repeat(20_000),
    })
    const declared = await post(auth, path, big)
    expect(declared.status).toBe(413)
    expect((await json(declared)).code).toBe("REQUEST_BODY_TOO_LARGE")

    // A body that never ends and declares no length: read up to the limit, then refused.
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 4096
        controller.enqueue(new TextEncoder().encode(" ".repeat(4096)))
      },
    })
    const streamed = await auth.handler(
      new Request(`${BASE}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: endless,
        duplex: "half",
      } as RequestInit)
    )
    expect(streamed.status).toBe(413)
    expect((await json(streamed)).code).toBe("REQUEST_BODY_TOO_LARGE")
    expect(sent).toBeLessThan(64 * 1024)
    expect(await sim.calls()).toBe(0)
  })
})

it("a body that lies about its length is still bounded", async () => {
  const { auth } = app(link)
  const response = await auth.handler(
    new Request(`${BASE}/sign-in/link/start`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "10" },
      body: JSON.stringify({ email: "a@example.com", pad: "x".repeat(40_000) }),
    })
  )
  expect(response.status).toBe(413)
  expect(await sim.calls()).toBe(0)
})

it("unknown fields are ignored, not an error", async () => {
  const { auth } = app(link)
  const { challenge, code } = await startFor(auth, link)
  const response = await post(auth, "/sign-in/link/verify", {
    challenge,
    code,
    email: "someone-else@example.com",
    userId: "admin",
    emailVerified: true,
  })
  expect(response.status).toBe(200)
  expect((await json(response)).user).toMatchObject({
    email: "jo@example.com",
    emailVerified: false,
  })
})
