/**
 * Every route is behind a 16 KB body limit, before anything reads the body: 20 MB gets 413, at
 * once with a Content-Length and after counting when chunked, and memory stays flat.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import {
  MESSAGES,
  startSimulator,
  type RunningSimulator,
} from "../src/index.js"
import { MAX_BODY_BYTES } from "../src/params.js"
import { postChunked, postOversized, rssGrowthMb } from "./oversized-body.js"
import { BASE, makeSimulator } from "./utils.js"

let link: RunningSimulator
beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, env: {} })
})
afterAll(() => link.close())

describe("a 20 MB body", () => {
  test.each([
    ["/api/start_verification", false],
    ["/api/authenticate", true],
    ["/signup", false],
    ["/signup", true],
    ["/__control/people", false],
    ["/__control/faults", true],
  ])(
    "to %s (chunked: %s) gets 413 and memory stays flat",
    async (path, chunked) => {
      const { result, growthMb } = await rssGrowthMb(() =>
        postOversized(`${link.url}${path}`, { chunked })
      )
      expect(result.status).toBe(413)
      const body = JSON.parse(result.body) as { errorMessage: string }
      expect(body.errorMessage).toBe(MESSAGES.bodyTooLarge)
      expect(result.headers.connection).toBe("close")
      expect(growthMb).toBeLessThan(16)
    }
  )
})

describe("bodies that fit", () => {
  test("one byte over the limit is refused; at the limit the body is read", async () => {
    const url = `${link.url}/api/start_verification`
    expect(
      (await postOversized(url, { total: MAX_BODY_BYTES + 1 })).status
    ).toBe(413)
    const at = await postOversized(url, { total: MAX_BODY_BYTES })
    // Read and parsed: a form with none of the route's parameters.
    expect(at.status).toBe(400)
    expect(JSON.parse(at.body)).toMatchObject({
      error: { code: "parameter_missing" },
    })
  })

  test("a chunked control request that fits works", async () => {
    const res = await postChunked(
      `${link.url}/__control/people`,
      JSON.stringify({ email: "chunked@example.com", phone: "+14155550177" }),
      { "content-type": "application/json" }
    )
    expect(res.status).toBe(201)
  })
})

describe("where the limit is registered", () => {
  const tooBig = "a".repeat(MAX_BODY_BYTES + 1)

  test("every route that is not a GET refuses a body one byte over the limit", async () => {
    const sim = makeSimulator()
    const routes = sim.app.routes.filter(
      (r) => r.method !== "GET" && r.method !== "ALL" && !r.path.endsWith("*")
    )
    expect(routes.length).toBeGreaterThanOrEqual(8)
    for (const { method, path } of routes) {
      const res = await sim.fetch(
        new Request(`${BASE}${path}`, {
          method,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: tooBig,
        })
      )
      expect(res.status, `${method} ${path}`).toBe(413)
    }
  })

  test.each(["PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"])(
    "a %s body is limited even where no route takes that method",
    async (method) => {
      const res = await makeSimulator().fetch(
        new Request(`${BASE}/api/lookup-email`, { method, body: tooBig })
      )
      expect(res.status).toBe(413)
    }
  )
})
