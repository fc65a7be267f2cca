import { describe, expect, test } from "vitest"
import { clientIpSource } from "../app/lib/client-ip"

const request = (headers: Record<string, string>) =>
  new Request("https://shop.example/login", { headers })

describe("clientIpSource: the visitor's IP as the host provides it", () => {
  test("nothing is trusted by default, whatever the client sends", () => {
    expect(clientIpSource({})).toBeUndefined()
  })

  test("on Vercel: x-real-ip, set by Vercel's edge", () => {
    const source = clientIpSource({ VERCEL: "1" })!
    expect(
      source(
        request({ "x-real-ip": "203.0.113.7", "x-forwarded-for": "6.6.6.6" })
      )
    ).toBe("203.0.113.7")
  })

  test("behind proxies that append X-Forwarded-For: the entry the outermost one added", () => {
    const one = clientIpSource({ CLIENT_IP_PROXY_HOPS: "1" })!
    const two = clientIpSource({ CLIENT_IP_PROXY_HOPS: "2", VERCEL: "1" })!
    const chain = request({
      "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2",
      "x-real-ip": "6.6.6.6",
    })
    expect(one(chain)).toBe("10.0.0.2")
    expect(two(chain)).toBe("203.0.113.7")
  })

  test("a header the proxy sets", () => {
    const source = clientIpSource({ CLIENT_IP_HEADER: "cf-connecting-ip" })!
    expect(source(request({ "cf-connecting-ip": "2001:db8::7" }))).toBe(
      "2001:db8::7"
    )
    expect(source(request({ "x-real-ip": "203.0.113.7" }))).toBeUndefined()
  })

  test("a wrong setting stops the shop with a message naming the variable", () => {
    expect(() => clientIpSource({ CLIENT_IP_PROXY_HOPS: "0" })).toThrow(
      /CLIENT_IP_PROXY_HOPS/
    )
    expect(() => clientIpSource({ CLIENT_IP_PROXY_HOPS: "one" })).toThrow(
      /CLIENT_IP_PROXY_HOPS/
    )
    expect(() =>
      clientIpSource({ CLIENT_IP_HEADER: "x-forwarded-for" })
    ).toThrow(/CLIENT_IP_HEADER.*clientIpFromForwardedFor/)
    expect(() =>
      clientIpSource({
        CLIENT_IP_HEADER: "x-real-ip",
        CLIENT_IP_PROXY_HOPS: "1",
      })
    ).toThrow(/not both/)
  })
})
