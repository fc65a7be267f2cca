import { describe, expect, test } from "vitest"
import { isSameOriginRequest, sameOriginOnly } from "../app/lib/same-origin"

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/auth/signout", {
    method: "POST",
    headers: { host: "127.0.0.1:3000", ...headers },
  })

describe("isSameOriginRequest", () => {
  test.each([
    ["no Origin (a non-browser client)", {}],
    ["the shop's own Origin", { origin: "http://127.0.0.1:3000" }],
    ["Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }],
    [
      "behind a proxy that sets X-Forwarded-Host",
      {
        origin: "https://shop.example",
        "x-forwarded-host": "shop.example",
      },
    ],
  ])("accepts %s", (_name, headers) => {
    expect(isSameOriginRequest(post(headers))).toBe(true)
  })

  test.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["the same host on another port", { origin: "http://127.0.0.1:3001" }],
    ["a sibling subdomain", { origin: "http://evil.127.0.0.1:3000" }],
    ["the opaque origin null", { origin: "null" }],
    ["garbage", { origin: "not a url" }],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }],
  ])("refuses %s", (_name, headers) => {
    expect(isSameOriginRequest(post(headers))).toBe(false)
  })
})

describe("sameOriginOnly", () => {
  test("answers 403 without calling the handler for a cross-site post", async () => {
    let calls = 0
    const handler = sameOriginOnly(async () => {
      calls += 1
      return new Response("ok")
    })
    const refused = await handler(post({ origin: "https://evil.example" }))
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ error: "cross_site_request" })
    expect(calls).toBe(0)
    expect((await handler(post({}))).status).toBe(200)
    expect(calls).toBe(1)
  })
})
