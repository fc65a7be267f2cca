import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import { startSimulator, type RunningSimulator } from "../src/index.js"
import { TEST_KEY } from "./utils.js"

let link: RunningSimulator
beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, env: {} })
})
afterAll(() => link.close())
beforeEach(() => link.simulator.reset())

function inject(fault: Record<string, unknown>) {
  return fetch(`${link.url}/__control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  })
}

const lookupUrl = () =>
  `${link.apiUrl}/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}`

describe("over a real port", () => {
  test("it listens on 127.0.0.1 and reports its URLs", () => {
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(link.apiUrl).toBe(`${link.url}/api`)
  })

  test("a whole sign-in works: lookup, start, read the outbox, authenticate", async () => {
    const found = (await (await fetch(lookupUrl())).json()) as {
      client_secret: string
    }
    const started = await fetch(`${link.apiUrl}/start_verification`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_secret: found.client_secret,
        email: "jo@example.com",
      }),
    })
    expect(started.status).toBe(200)
    const outbox = (await (
      await fetch(`${link.url}/__dev/outbox?email=jo@example.com`)
    ).json()) as {
      messages: { code: string }[]
    }
    const code = outbox.messages[0]?.code ?? ""
    const res = await fetch(`${link.apiUrl}/authenticate`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_secret: found.client_secret,
        email: "jo@example.com",
        code,
      }),
    })
    expect(await res.json()).toMatchObject({
      authenticationSuccessful: true,
      user: { email: "jo@example.com" },
    })
  })

  test("the client IP budget uses the socket address", async () => {
    const limited = await startSimulator({
      port: 0,
      quiet: true,
      env: {},
      requestsPerMinutePerIp: 1,
    })
    try {
      expect((await fetch(`${limited.apiUrl}/lookup-email`)).status).toBe(400)
      const res = await fetch(`${limited.apiUrl}/lookup-email`, {
        headers: { "x-forwarded-for": "198.51.100.1" },
      })
      expect(res.status).toBe(429)
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0)
    } finally {
      await limited.close()
    }
  })

  test("a drop fault closes the connection without an answer", async () => {
    await inject({ route: "lookup-email", kind: "drop" })
    await expect(fetch(lookupUrl())).rejects.toThrow(TypeError)
    expect((await fetch(lookupUrl())).status).toBe(200)
  })

  test("a hang fault never answers, so the client's timeout fires", async () => {
    await inject({ route: "lookup-email", kind: "hang" })
    await expect(
      fetch(lookupUrl(), { signal: AbortSignal.timeout(200) })
    ).rejects.toMatchObject({
      name: "TimeoutError",
    })
    expect((await fetch(lookupUrl())).status).toBe(200)
  })

  test("a stall fault sends headers and part of the body, then nothing, so the client's timeout fires", async () => {
    await inject({ route: "lookup-email", kind: "stall" })
    const res = await fetch(lookupUrl(), { signal: AbortSignal.timeout(300) })
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toMatchObject({ name: "TimeoutError" })
    expect((await fetch(lookupUrl())).status).toBe(200)
  })

  test("a malformed fault sends a body that does not parse", async () => {
    await inject({ route: "lookup-email", kind: "malformed" })
    const res = await fetch(lookupUrl())
    expect(res.status).toBe(200)
    await expect(res.json()).rejects.toThrow(SyntaxError)
  })

  test("close() ends a hung request and stops listening", async () => {
    const other = await startSimulator({ port: 0, quiet: true, env: {} })
    await fetch(`${other.url}/__control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route: "*", kind: "hang" }),
    })
    const pending = fetch(
      `${other.apiUrl}/lookup-email?email=jo@example.com&STRIPE_PUBLIC_KEY=${TEST_KEY}`
    )
    while (other.simulator.state.hangs.size === 0)
      await new Promise((r) => setImmediate(r))
    await other.close()
    await expect(pending).rejects.toThrow(TypeError)
    await expect(fetch(`${other.url}/`)).rejects.toThrow(TypeError)
  })

  test("an unknown path is a JSON 404", async () => {
    const res = await fetch(`${link.url}/nope`)
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).toContain("application/json")
  })
})
