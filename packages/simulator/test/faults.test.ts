import { beforeEach, describe, expect, test } from "vitest"
import {
  ConnectionDropped,
  HTML_BODY,
  HangReleased,
  MALFORMED_BODY,
  MESSAGES,
  STALLED_BODY_START,
} from "../src/index.js"
import {
  BASE,
  TEST_KEY,
  authenticate,
  errorOf,
  lookup,
  makeSimulator,
  postJson,
  secretFor,
  start,
  started,
  wrongCode,
} from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

function inject(fault: Record<string, unknown>) {
  return postJson(sim, "/__control/faults", fault)
}

describe("fault injection", () => {
  test("a status fault answers the next request with that status and an api_error envelope", async () => {
    await inject({ route: "lookup-email", kind: "status", status: 502 })
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({
      errorMessage: MESSAGES.injected,
      error: {
        type: "api_error",
        code: "api_error",
        message: MESSAGES.injected,
      },
    })
  })

  test("a status fault defaults to 500", async () => {
    await inject({ route: "lookup-email", kind: "status" })
    expect((await lookup(sim, "jo@example.com")).status).toBe(500)
  })

  test("a 429 status fault is a rate_limit with its Retry-After", async () => {
    await inject({
      route: "lookup-email",
      kind: "status",
      status: 429,
      retryAfter: 7,
    })
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(429)
    expect(res.headers.get("retry-after")).toBe("7")
    expect((await errorOf(res)).error.code).toBe("rate_limit")
  })

  test("a 503 status fault carries Retry-After when given", async () => {
    await inject({
      route: "lookup-email",
      kind: "status",
      status: 503,
      retryAfter: 3,
    })
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(503)
    expect(res.headers.get("retry-after")).toBe("3")
  })

  test("a status fault on authenticate says authenticationSuccessful false", async () => {
    await inject({ route: "authenticate", kind: "status", status: 500 })
    const res = await authenticate(sim, await secretFor(sim), "123456")
    expect((await errorOf(res)).authenticationSuccessful).toBe(false)
  })

  test("a fault applies to the next count requests of its route only", async () => {
    await inject({
      route: "lookup-email",
      kind: "status",
      status: 500,
      count: 2,
    })
    expect((await lookup(sim, "jo@example.com")).status).toBe(500)
    expect((await lookup(sim, "jo@example.com")).status).toBe(500)
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })

  test("a fault on one route leaves the other routes alone", async () => {
    await inject({ route: "authenticate", kind: "status", status: 500 })
    const secret = await secretFor(sim)
    expect((await start(sim, secret)).status).toBe(200)
    expect((await authenticate(sim, secret, "000000")).status).toBe(500)
  })

  test("a fault on * applies to any API route", async () => {
    await inject({ route: "*", kind: "status", status: 502, count: 1 })
    const res = await sim.fetch(
      new Request(`${BASE}/api/start_verification`, { method: "POST" })
    )
    expect(res.status).toBe(502)
  })

  test("a malformed fault answers 200 with JSON cut short", async () => {
    await inject({ route: "lookup-email", kind: "malformed" })
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("application/json")
    const text = await res.text()
    expect(text).toBe(MALFORMED_BODY)
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
  })

  test("an html fault answers 502 with an HTML page", async () => {
    await inject({ route: "start_verification", kind: "html" })
    const res = await start(sim, await secretFor(sim))
    expect(res.status).toBe(502)
    expect(res.headers.get("content-type")).toContain("text/html")
    expect(await res.text()).toBe(HTML_BODY)
  })

  test("an html fault takes the given status", async () => {
    await inject({ route: "lookup-email", kind: "html", status: 200 })
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })

  test("a latency fault answers normally after the delay", async () => {
    await inject({ route: "lookup-email", kind: "latency", latencyMs: 20 })
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(200)
    expect(sim.state.faults.list()).toEqual([])
  })

  test("a latency fault ends when the caller aborts", async () => {
    await inject({ route: "lookup-email", kind: "latency", latencyMs: 60_000 })
    const controller = new AbortController()
    const pending = sim.fetch(
      new Request(
        `${BASE}/api/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}`,
        {
          signal: controller.signal,
        }
      )
    )
    controller.abort(new DOMException("gave up", "AbortError"))
    await expect(pending).rejects.toMatchObject({ name: "AbortError" })
  })

  test("a drop fault makes the in-process fetch reject like a network failure", async () => {
    await inject({ route: "lookup-email", kind: "drop" })
    await expect(lookup(sim, "jo@example.com")).rejects.toBeInstanceOf(
      ConnectionDropped
    )
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })

  test("a hang fault never answers until the caller aborts", async () => {
    await inject({ route: "lookup-email", kind: "hang" })
    const controller = new AbortController()
    const pending = sim.fetch(
      new Request(
        `${BASE}/api/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}`,
        {
          signal: controller.signal,
        }
      )
    )
    expect(sim.state.hangs.size).toBe(1)
    controller.abort(new DOMException("timed out", "TimeoutError"))
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" })
    expect(sim.state.hangs.size).toBe(0)
  })

  test("a stall fault answers 200 with the start of a body that never ends, until the caller cancels", async () => {
    await inject({ route: "lookup-email", kind: "stall" })
    const res = await lookup(sim, "jo@example.com")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("application/json")
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toBe(STALLED_BODY_START)
    expect(sim.state.hangs.size).toBe(1)
    await reader.cancel()
    expect(sim.state.hangs.size).toBe(0)
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })

  test("a stalled body is ended with an error by a reset", async () => {
    await inject({ route: "lookup-email", kind: "stall" })
    const res = await lookup(sim, "jo@example.com")
    const text = res.text()
    await postJson(sim, "/__control/reset", {})
    await expect(text).rejects.toBeInstanceOf(HangReleased)
  })

  test("a hung request is released by a reset", async () => {
    await inject({ route: "lookup-email", kind: "hang" })
    const pending = lookup(sim, "jo@example.com")
    await postJson(sim, "/__control/reset", {})
    await expect(pending).rejects.toBeInstanceOf(HangReleased)
  })

  test("an accept_spent fault lets a spent client_secret through once, with the code that spent it", async () => {
    const { clientSecret, code } = await started(sim)
    expect((await authenticate(sim, clientSecret, code)).status).toBe(200)
    const refused = await authenticate(sim, clientSecret, code)
    expect((await errorOf(refused)).error.code).toBe("consumer_session_expired")

    await inject({ route: "authenticate", kind: "accept_spent" })
    const replayed = await authenticate(sim, clientSecret, code)
    expect(replayed.status).toBe(200)
    expect(await replayed.json()).toMatchObject({
      authenticationSuccessful: true,
      user: { email: "jo@example.com" },
    })
    // Once: the next call is refused again, and a wrong code never passes.
    expect((await authenticate(sim, clientSecret, code)).status).toBe(400)
    await inject({ route: "authenticate", kind: "accept_spent" })
    expect(
      (await authenticate(sim, clientSecret, wrongCode(code))).status
    ).toBe(400)
  })

  test("faults are counted as calls of their route", async () => {
    await inject({ route: "lookup-email", kind: "status", status: 500 })
    await lookup(sim, "jo@example.com")
    expect(sim.state.stats.calls["lookup-email"]).toBe(1)
  })

  test("an API path called by another method is counted and faulted like its route, else a 404", async () => {
    await inject({ route: "lookup-email", kind: "status", status: 503 })
    const wrong = () =>
      sim.fetch(new Request(`${BASE}/api/lookup-email`, { method: "POST" }))
    expect((await wrong()).status).toBe(503)
    const res = await wrong()
    expect(res.status).toBe(404)
    expect((await errorOf(res)).error.code).toBe("resource_missing")
    expect(sim.state.stats.calls["lookup-email"]).toBe(2)
  })

  test("DELETE /__control/faults clears every queued fault", async () => {
    await inject({ route: "*", kind: "status", count: 10 })
    const res = await sim.fetch(
      new Request(`${BASE}/__control/faults`, { method: "DELETE" })
    )
    expect(res.status).toBe(200)
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })

  test("GET /__control/faults lists queued faults with what remains of each", async () => {
    await inject({
      route: "authenticate",
      kind: "status",
      status: 503,
      count: 3,
    })
    const res = await sim.fetch(new Request(`${BASE}/__control/faults`))
    expect(await res.json()).toEqual({
      faults: [
        {
          route: "authenticate",
          kind: "status",
          status: 503,
          count: 3,
          remaining: 3,
        },
      ],
    })
  })

  test("a fault with an unknown kind is a 400 parameter_invalid naming kind", async () => {
    const res = await inject({ route: "authenticate", kind: "explode" })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "kind",
    })
  })

  test("a fault with an unknown route is a 400 parameter_invalid naming route", async () => {
    const res = await inject({ route: "checkout", kind: "drop" })
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "route",
    })
  })

  test("a fault with an unsupported status is a 400 parameter_invalid naming status", async () => {
    const res = await inject({ route: "*", kind: "status", status: 418 })
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "status",
    })
  })
})
