/**
 * `/__control` and `/__dev` against a web page on another site: loopback Host names only (DNS
 * rebinding sends the attacker's own name), no cross-site POSTs, and a token when configured.
 */
import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import {
  MESSAGES,
  startSimulator,
  type RunningSimulator,
} from "../src/index.js"
import { BASE, errorOf, get, lookup, makeSimulator, postJson } from "./utils.js"

const TOKEN = "control-token-0123456789abcdef"

const GUARDED_READS = [
  "/__control/stats",
  "/__control/people",
  "/__dev",
  "/__dev/outbox",
]

describe("Host", () => {
  test.each([
    "http://127.0.0.1",
    "http://127.0.0.1:4010",
    "http://localhost:3000",
    "http://[::1]:4010",
    "http://localhost",
  ])("%s is served", async (origin) => {
    const sim = makeSimulator()
    for (const path of GUARDED_READS)
      expect(
        (await sim.fetch(new Request(`${origin}${path}`))).status,
        path
      ).toBe(200)
    expect(
      (
        await sim.fetch(
          new Request(`${origin}/__control/reset`, { method: "POST" })
        )
      ).status
    ).toBe(200)
  })

  test.each([
    "http://rebind.evil.example:4010",
    "http://evil.example",
    "http://127.0.0.1.evil.example",
    "http://localhost.evil.example:4010",
    "http://10.0.0.5:4010",
    "http://[::2]:4010",
  ])(
    "%s (a rebound DNS name, or another address) is refused",
    async (origin) => {
      const sim = makeSimulator()
      for (const path of GUARDED_READS) {
        const res = await sim.fetch(new Request(`${origin}${path}`))
        expect(res.status, path).toBe(403)
        const body = await errorOf(res)
        expect(body.error.code).toBe("control_forbidden")
        expect(body.errorMessage).toBe(MESSAGES.controlHost)
      }
      const reset = await sim.fetch(
        new Request(`${origin}/__control/reset`, { method: "POST" })
      )
      expect(reset.status).toBe(403)
    }
  )

  test("every /__control and /__dev route, whatever its method, refuses another Host", async () => {
    const sim = makeSimulator()
    const guarded = sim.app.routes.filter(
      (r) => /^\/__(control|dev)(\/|$)/.test(r.path) && !r.path.endsWith("*")
    )
    expect(guarded.length).toBeGreaterThanOrEqual(GUARDED_READS.length)
    for (const { method, path } of guarded) {
      const res = await sim.fetch(
        new Request(`http://evil.example${path}`, {
          method: method === "ALL" ? "GET" : method,
        })
      )
      expect(res.status, `${method} ${path}`).toBe(403)
      expect((await errorOf(res)).errorMessage).toBe(MESSAGES.controlHost)
    }
  })

  test("the Link API itself answers any Host", async () => {
    const sim = makeSimulator()
    const res = await sim.fetch(
      new Request(
        "http://link.example/api/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=pk_test_x"
      )
    )
    expect(res.status).toBe(200)
  })
})

describe("Origin on requests that change something", () => {
  test("a cross-site POST /__control/reset is refused and resets nothing", async () => {
    const sim = makeSimulator()
    await postJson(sim, "/__control/people", {
      email: "kept@example.com",
      phone: "+14155550142",
    })
    const crossSite: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "null" },
      { origin: "http://localhost:4010" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ]
    for (const headers of crossSite) {
      const res = await postJson(sim, "/__control/reset", {}, headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect((await errorOf(res)).errorMessage).toBe(MESSAGES.controlOrigin)
    }
    const faults = await sim.fetch(
      new Request(`${BASE}/__control/faults`, {
        method: "DELETE",
        headers: { origin: "http://evil.example" },
      })
    )
    expect(faults.status).toBe(403)
    expect((await lookup(sim, "kept@example.com")).status).toBe(200)
    expect(sim.state.people.get("kept@example.com")).toBeDefined()
  })

  test("no Origin (a script) and the simulator's own origin are accepted", async () => {
    const sim = makeSimulator()
    expect((await postJson(sim, "/__control/reset", {})).status).toBe(200)
    expect(
      (
        await postJson(
          sim,
          "/__control/reset",
          {},
          { origin: BASE, "sec-fetch-site": "same-origin" }
        )
      ).status
    ).toBe(200)
  })
})

describe("a control token", () => {
  test("once configured, is required on every control and outbox route", async () => {
    const sim = makeSimulator({ controlToken: TOKEN })
    for (const path of GUARDED_READS) {
      const none = await get(sim, path)
      expect(none.status, path).toBe(403)
      expect((await errorOf(none)).errorMessage).toBe(MESSAGES.controlToken)
      expect(
        (
          await get(sim, path, {
            headers: { authorization: `Bearer ${TOKEN}x` },
          })
        ).status
      ).toBe(403)
      expect(
        (await get(sim, path, { headers: { authorization: TOKEN } })).status
      ).toBe(403)
      expect(
        (
          await get(sim, path, {
            headers: { authorization: `Bearer ${TOKEN}` },
          })
        ).status
      ).toBe(200)
    }
    expect((await postJson(sim, "/__control/reset", {})).status).toBe(403)
    expect(
      (
        await postJson(
          sim,
          "/__control/reset",
          {},
          { authorization: `Bearer ${TOKEN}` }
        )
      ).status
    ).toBe(200)
  })

  test("is read from LINK_SIM_CONTROL_TOKEN, and a short one is refused at start", async () => {
    const sim = makeSimulator({ env: { LINK_SIM_CONTROL_TOKEN: TOKEN } })
    expect((await get(sim, "/__control/stats")).status).toBe(403)
    expect(() => makeSimulator({ controlToken: "short" })).toThrow(
      /at least 16 characters/
    )
  })

  test("does not touch the Link API", async () => {
    const sim = makeSimulator({ controlToken: TOKEN })
    expect((await lookup(sim, "jo@example.com")).status).toBe(200)
  })
})

describe("over a real port", () => {
  let link: RunningSimulator
  beforeAll(async () => {
    link = await startSimulator({ port: 0, quiet: true, env: {} })
  })
  afterAll(() => link.close())

  /** A raw request with the Host a rebound DNS name would send. */
  function withHost(
    path: string,
    host: string,
    method = "GET"
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${link.url}${path}`,
        { method, headers: { host } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }
      )
      req.on("error", reject)
      req.end()
    })
  }

  test("a page whose DNS name was rebound to 127.0.0.1 cannot read the outbox or reset", async () => {
    const port = new URL(link.url).port
    expect(await withHost("/__dev/outbox", `rebind.evil.example:${port}`)).toBe(
      403
    )
    expect(
      await withHost("/__control/reset", `rebind.evil.example:${port}`, "POST")
    ).toBe(403)
    expect(await withHost("/__dev/outbox", `127.0.0.1:${port}`)).toBe(200)
    expect(await withHost("/__dev/outbox", `localhost:${port}`)).toBe(200)
  })
})
