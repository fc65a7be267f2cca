/**
 * Hostile input to every OAuth route: never a 500, never a stack, never a redirect off the
 * registered redirect URIs. Inputs come from a seeded generator, so a failure replays.
 */
import { beforeEach, describe, expect, test } from "vitest"
import {
  REDIRECT_URI,
  authorizeGet,
  authorizeQuery,
  openPage,
  pkce,
  postPage,
} from "./oauth-utils.js"
import { BASE, TEST_KEY, makeSimulator } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

/** A small deterministic generator (mulberry32). */
function generator(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HOSTILE = [
  "",
  " ",
  "\u0000",
  "%00",
  "\r\nLocation: https://evil.example",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "https://evil.example/",
  "//evil.example",
  "javascript:alert(1)",
  "😀".repeat(50),
  "a".repeat(3000),
  "__proto__",
  "constructor",
  "S256",
  "plain",
  "code",
  "authorization_code",
  "refresh_token",
  "liwltoken_x",
  "liwlrefresh_x",
  "shop_dev",
  "shop_dev_secret",
  TEST_KEY,
  "pk_live_",
  REDIRECT_URI,
  `${REDIRECT_URI}#frag`,
  "http://localhost:3000@evil.example/",
  "0",
  "-1",
  "[]",
  "{}",
  "cancel",
  "email",
  "resend",
  "restart",
  "jo@example.com",
  "000000",
]

const PARAMS = [
  "key",
  "client_id",
  "client_secret",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
  "grant_type",
  "code",
  "code_verifier",
  "refresh_token",
  "token",
  "token_type_hint",
  "request",
  "intent",
  "email",
  "__proto__",
]

function randomParams(next: () => number): [string, string][] {
  const count = Math.floor(next() * 8)
  const params: [string, string][] = []
  for (let i = 0; i < count; i++) {
    const name = PARAMS[Math.floor(next() * PARAMS.length)] ?? "x"
    const value = HOSTILE[Math.floor(next() * HOSTILE.length)] ?? ""
    params.push([name, value])
  }
  return params
}

/** What a header can carry: printable ASCII only (fetch refuses the rest before sending). */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, "")

function expectNoLeak(res: Response, text: string) {
  expect(res.status).toBeLessThan(500)
  expect(text).not.toMatch(/\bat \S+\.(ts|js):\d+/)
  const location = res.headers.get("location")
  if (location) expect(location.startsWith("http://localhost:3000/")).toBe(true)
}

describe("hostile input to the OAuth routes", () => {
  test("300 random authorization requests: no 500, no redirect off the registered URI", async () => {
    const next = generator(1)
    for (let i = 0; i < 300; i++) {
      const base = new URLSearchParams(authorizeQuery(pkce().challenge))
      for (const [name, value] of randomParams(next)) {
        if (next() < 0.5) base.set(name, value)
        else base.append(name, value)
      }
      const res = await sim.fetch(new Request(`${BASE}/oauth/auth?${base}`))
      expectNoLeak(res, await res.text())
    }
  })

  test("300 random token and revoke requests: no 500, always RFC 6749 JSON", async () => {
    const next = generator(2)
    for (let i = 0; i < 300; i++) {
      const path = next() < 0.5 ? "/oauth/auth/token" : "/oauth/auth/revoke"
      const body = new URLSearchParams(randomParams(next))
      const headers: Record<string, string> = {
        "content-type":
          next() < 0.9 ? "application/x-www-form-urlencoded" : "text/plain",
      }
      const auth = HOSTILE[Math.floor(next() * HOSTILE.length)] ?? ""
      if (next() < 0.7)
        headers.authorization = headerSafe(
          `${next() < 0.5 ? "Bearer" : "Basic"} ${auth}`
        )
      const res = await sim.fetch(
        new Request(`${BASE}${path}`, { method: "POST", headers, body })
      )
      const text = await res.text()
      expectNoLeak(res, text)
      const json = JSON.parse(text) as { error?: string }
      if (res.status !== 200) expect(typeof json.error).toBe("string")
    }
  })

  test("300 random hosted-page posts: no 500, no redirect off the registered URI", async () => {
    const next = generator(3)
    let browser = await openPage(sim, pkce().challenge)
    let redirects = 0
    for (let i = 0; i < 300; i++) {
      const fields = new URLSearchParams(randomParams(next))
      if (next() < 0.7) fields.set("request", browser.request)
      const res = await sim.fetch(
        new Request(`${BASE}/oauth/auth`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            ...(next() < 0.8 ? { cookie: browser.cookie } : {}),
          },
          body: fields,
        })
      )
      expectNoLeak(res, await res.text())
      // A sign-in that ended (cancelled, or signed in with 000000) is replaced by a new one.
      if (res.status === 303) {
        redirects += 1
        browser = await openPage(sim, pkce().challenge)
      }
    }
    expect(redirects).toBeGreaterThan(0)
  })

  test("300 random userinfo tokens: no 500, 401 invalid_token", async () => {
    const next = generator(4)
    for (let i = 0; i < 300; i++) {
      const value = headerSafe(
        HOSTILE[Math.floor(next() * HOSTILE.length)] ?? ""
      )
      const res = await sim.fetch(
        new Request(`${BASE}/oauth/userinfo`, {
          headers: { authorization: `Bearer ${value}` },
        })
      )
      const text = await res.text()
      expectNoLeak(res, text)
      expect(res.status).toBe(401)
    }
  })

  test.each([
    "link_sim_oauth=%E0%A4%A",
    "link_sim_oauth",
    "=;;=",
    'link_sim_oauth="x',
    "a=b; link_sim_oauth=%",
    `link_sim_oauth=${"x".repeat(5000)}`,
  ])(
    "a malformed cookie %s neither breaks the page nor opens a sign-in",
    async (cookie) => {
      const page = await authorizeGet(sim, authorizeQuery(pkce().challenge), {
        cookie,
      })
      expect(page.status).toBe(200)
      expect(page.headers.get("set-cookie")).toMatch(
        /^link_sim_oauth=[A-Za-z0-9_-]{43};/
      )
      const post = await postPage(
        sim,
        { request: "x", intent: "email", email: "jo@example.com" },
        { cookie }
      )
      expect(post.status).toBe(400)
    }
  )
})
