import { beforeEach, describe, expect, test } from "vitest"
import { MESSAGES, linkUserId } from "../src/index.js"
import {
  BASE,
  START,
  errorOf,
  get,
  lookup,
  makeSimulator,
  postJson,
  started,
} from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

describe("control API", () => {
  test("POST /__control/people adds a person who can then be looked up", async () => {
    const res = await postJson(sim, "/__control/people", {
      email: " Kim@Example.com",
      phone: "+4915112345678",
      fullName: "Kim Lee",
      city: "Berlin",
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({
      person: {
        id: linkUserId("kim@example.com"),
        email: "kim@example.com",
        phone: "+4915112345678",
        fullName: "Kim Lee",
        city: "Berlin",
      },
    })
    const body = (await (
      await lookup(sim, "kim@example.com")
    ).json()) as Record<string, unknown>
    expect(body.redacted_phone_number).toBe("+4**********78")
  })

  test("a person with a phone that is not E.164 is a 400 parameter_invalid naming phone", async () => {
    const res = await postJson(sim, "/__control/people", {
      email: "kim@example.com",
      phone: "0151 1234",
    })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "phone",
    })
  })

  test("a person without an email is a 400 parameter_missing naming email", async () => {
    const res = await postJson(sim, "/__control/people", {
      phone: "+4915112345678",
    })
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_missing",
      param: "email",
    })
  })

  test("GET /__control/people lists the people on Link", async () => {
    const body = (await (await get(sim, "/__control/people")).json()) as {
      people: { email: string }[]
    }
    expect(body.people.map((p) => p.email)).toEqual([
      "jo@example.com",
      "sam@example.com",
      "alex@example.com",
    ])
  })

  test("POST /__control/reset restores the seeded people and empties the outbox", async () => {
    await postJson(sim, "/__control/people", {
      email: "kim@example.com",
      phone: "+4915112345678",
    })
    await started(sim)
    const res = await postJson(sim, "/__control/reset", {})
    expect(await res.json()).toEqual({ ok: true })
    expect(sim.state.people.get("kim@example.com")).toBeUndefined()
    expect(sim.state.outbox.list()).toEqual([])
  })

  test("a reset forgets every client_secret", async () => {
    const { clientSecret, code } = await started(sim)
    await postJson(sim, "/__control/reset", {})
    const res = await postJson(sim, "/api/authenticate", {
      client_secret: clientSecret,
      email: "jo@example.com",
      code,
    })
    expect(res.status).toBe(401)
  })

  test("GET /__control/clock returns the simulator's time", async () => {
    expect(await (await get(sim, "/__control/clock")).json()).toEqual({
      now: START,
      iso: new Date(START).toISOString(),
    })
  })

  test("POST /__control/clock moves the clock forward", async () => {
    const res = await postJson(sim, "/__control/clock", { advanceMs: 90_000 })
    expect(await res.json()).toEqual({
      now: START + 90_000,
      iso: new Date(START + 90_000).toISOString(),
    })
    expect(sim.state.clock.now()).toBe(START + 90_000)
  })

  test("moving the clock backwards is a 400 parameter_invalid naming advanceMs", async () => {
    const res = await postJson(sim, "/__control/clock", { advanceMs: -1 })
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "advanceMs",
    })
  })

  test("a reset puts the clock back", async () => {
    await postJson(sim, "/__control/clock", { advanceMs: 1000 })
    await postJson(sim, "/__control/reset", {})
    expect(sim.state.clock.now()).toBe(START)
  })

  test("GET /__control/stats counts calls per route and sends since the last reset", async () => {
    await lookup(sim, "nobody@example.com")
    const { clientSecret, code } = await started(sim)
    await postJson(sim, "/api/authenticate", {
      client_secret: clientSecret,
      email: "jo@example.com",
      code,
    })
    expect(await (await get(sim, "/__control/stats")).json()).toEqual({
      calls: {
        "lookup-email": 2,
        start_verification: 1,
        authenticate: 1,
        authorize: 0,
        token: 0,
        revoke: 0,
        userinfo: 0,
      },
      total: 4,
      sends: 1,
    })
    await postJson(sim, "/__control/reset", {})
    expect(await (await get(sim, "/__control/stats")).json()).toEqual({
      calls: {
        "lookup-email": 0,
        start_verification: 0,
        authenticate: 0,
        authorize: 0,
        token: 0,
        revoke: 0,
        userinfo: 0,
      },
      total: 0,
      sends: 0,
    })
  })

  test("GET /__control/sessions lists the client secrets handed out, until a reset", async () => {
    const { clientSecret } = await started(sim)
    const body = (await (await get(sim, "/__control/sessions")).json()) as {
      sessions: Record<string, unknown>[]
    }
    expect(body.sessions).toEqual([
      {
        clientSecret,
        email: "jo@example.com",
        state: "STARTED",
        expiresAt: expect.any(Number),
      },
    ])
    await postJson(sim, "/__control/reset", {})
    expect(await (await get(sim, "/__control/sessions")).json()).toEqual({
      sessions: [],
    })
  })

  test("GET /__control/issued keeps every client secret and code handed out, across resets", async () => {
    const first = await started(sim)
    await postJson(sim, "/__control/reset", {})
    const second = await started(sim)
    const issued = (await (await get(sim, "/__control/issued")).json()) as {
      clientSecrets: string[]
      codes: string[]
    }
    // The same simulator served earlier tests: these two are the newest.
    expect(issued.clientSecrets.slice(-2)).toEqual([
      first.clientSecret,
      second.clientSecret,
    ])
    expect(issued.codes.slice(-2)).toEqual([first.code, second.code])
    expect(sim.state.sessions.size).toBe(1)
  })

  test("a control request with a bad JSON body is a 400 parameter_invalid", async () => {
    const res = await sim.fetch(
      new Request(`${BASE}/__control/people`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      })
    )
    expect(res.status).toBe(400)
    expect((await errorOf(res)).errorMessage).toBe(MESSAGES.badJson)
  })
})

describe("control API turned off", () => {
  test("control: false answers every control route with a JSON 404", async () => {
    const off = makeSimulator({ control: false })
    const res = await postJson(off, "/__control/reset", {})
    expect(res.status).toBe(404)
    expect((await errorOf(res)).error.code).toBe("resource_missing")
    expect((await get(off, "/__control/stats")).status).toBe(404)
  })

  test("LINK_SIM_CONTROL=0 turns the control API off", async () => {
    const off = makeSimulator({ env: { LINK_SIM_CONTROL: "0" } })
    expect((await get(off, "/__control/stats")).status).toBe(404)
    expect((await lookup(off, "jo@example.com")).status).toBe(200)
  })

  test("the control API is on by default", async () => {
    expect((await get(makeSimulator(), "/__control/stats")).status).toBe(200)
  })
})
