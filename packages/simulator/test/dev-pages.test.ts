import { beforeEach, describe, expect, test } from "vitest"
import { get, makeSimulator, started } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

describe("outbox", () => {
  test("GET /__dev/outbox lists every send newest first", async () => {
    await started(sim, "jo@example.com")
    sim.state.clock.advance(1000)
    await started(sim, "sam@example.com")
    const body = (await (await get(sim, "/__dev/outbox")).json()) as {
      messages: { email: string; sentAt: string }[]
    }
    expect(body.messages.map((m) => m.email)).toEqual([
      "sam@example.com",
      "jo@example.com",
    ])
  })

  test("GET /__dev/outbox?email= shows only that person's codes, matched without regard to case", async () => {
    await started(sim, "jo@example.com")
    const { code } = await started(sim, "sam@example.com")
    const body = await (
      await get(sim, "/__dev/outbox?email=SAM@example.com")
    ).json()
    expect(body).toEqual({
      messages: [
        {
          phone: "+14155550123",
          email: "sam@example.com",
          code,
          sentAt: expect.any(String),
        },
      ],
    })
  })

  test("GET /__dev/outbox is empty before any send", async () => {
    expect(await (await get(sim, "/__dev/outbox")).json()).toEqual({
      messages: [],
    })
  })

  test("GET /__dev shows the latest codes on an HTML page with a language and a title", async () => {
    const { code } = await started(sim)
    const res = await get(sim, "/__dev")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("text/html")
    const html = await res.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain("<title>Link simulator outbox</title>")
    expect(html).toContain(`<td data-label="Code" class="code">${code}</td>`)
    expect(html).toContain('<th scope="col">Code</th>')
  })

  test("GET /__dev escapes what it shows", async () => {
    sim.state.outbox.add({
      phone: "+10000000000",
      email: "<b>x</b>@example.com",
      code: "123456",
      sentAt: "2026-01-01T00:00:00.000Z",
    })
    const html = await (await get(sim, "/__dev")).text()
    expect(html).not.toContain("<b>x</b>")
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;@example.com")
  })

  test("GET /__dev refreshes itself only when asked", async () => {
    expect(await (await get(sim, "/__dev")).text()).not.toContain(
      'http-equiv="refresh"'
    )
    expect(await (await get(sim, "/__dev?refresh=5")).text()).toContain(
      '<meta http-equiv="refresh" content="5">'
    )
  })

  test("the outbox pages are off with devPages false", async () => {
    const off = makeSimulator({ devPages: false })
    expect((await get(off, "/__dev/outbox")).status).toBe(404)
    expect((await get(off, "/__dev")).status).toBe(404)
  })
})
