/**
 * Reading the client IP: every written form of an address, the per-IP limit key (IPv6 by
 * prefix, mapped IPv4 as IPv4), and the two helpers that take it from a proxy's headers without
 * letting the client choose it.
 */
import { describe, expect, it } from "vitest"
import {
  clientIpFromForwardedFor,
  clientIpFromHeader,
  formatIp,
  ipLimitKey,
  parseIp,
} from "../src/client-ip.js"

const text = (input: string) => {
  const ip = parseIp(input)
  return ip && formatIp(ip)
}

describe("parseIp", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:4711", "203.0.113.7"],
    ["0.0.0.0", "0.0.0.0"],
    ["2001:db8::1", "2001:db8::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329"],
    ["::", "::"],
    ["::1", "::1"],
    ["1::", "1::"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["[fe80::1%25en0]:80", "fe80::1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["2001:db8::1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:0:0:1::1", "2001:0:0:1::1"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::ffff:cb00:7107", "203.0.113.7"],
    ["[::ffff:203.0.113.7]:5000", "203.0.113.7"],
    ["64:ff9b::203.0.113.7", "64:ff9b::cb00:7107"],
  ])("reads %j as %j", (input, expected) => {
    expect(text(input)).toBe(expected)
  })

  it.each([
    "",
    "unknown",
    "localhost",
    "203.0.113",
    "203.0.113.256",
    "203.0.113.07",
    "1.2.3.4.5",
    "203.0.113.7, 198.51.100.1",
    "2001:db8:::1",
    "2001:db8::1::1",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7::8",
    "2001:db8::g",
    "12345::",
    "::ffff:1.2.3",
    "[2001:db8::1",
    "fe80::1%",
    "fe80::1%bad zone",
    "x".repeat(200),
  ])("refuses %j", (input) => {
    expect(parseIp(input)).toBeUndefined()
  })

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 42, {}, ["1.2.3.4"]])
      expect(parseIp(value)).toBeUndefined()
  })
})

describe("ipLimitKey", () => {
  it("keeps IPv4 as is, and counts IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(ipLimitKey("203.0.113.7")).toBe("203.0.113.7")
    expect(ipLimitKey("::ffff:203.0.113.7")).toBe("203.0.113.7")
  })

  it("counts IPv6 by /64 by default, whatever the written form", () => {
    const key = "2001:db8:1:2::/64"
    expect(ipLimitKey("2001:db8:1:2::1")).toBe(key)
    expect(ipLimitKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe(key)
    expect(ipLimitKey("[2001:db8:1:2:a:b:c:d]:443")).toBe(key)
    expect(ipLimitKey("2001:db8:1:2::abcd%eth0")).toBe(key)
    expect(ipLimitKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64")
    expect(ipLimitKey("::1")).toBe("::/64")
  })

  it("takes another prefix length", () => {
    expect(ipLimitKey("2001:db8:1:2::1", 48)).toBe("2001:db8:1::/48")
    expect(ipLimitKey("2001:db8:1:2::1", 56)).toBe("2001:db8:1::/56")
    expect(ipLimitKey("2001:db8:1:2ff::1", 56)).toBe("2001:db8:1:200::/56")
    expect(ipLimitKey("2001:db8:1:2::1", 128)).toBe("2001:db8:1:2::1/128")
    expect(ipLimitKey("2001:db8:1:2::1", 60)).toBe("2001:db8:1::/60")
  })

  it("is undefined for anything that is not an address", () => {
    expect(ipLimitKey("not-an-ip")).toBeUndefined()
    expect(ipLimitKey(undefined)).toBeUndefined()
  })
})

const request = (headers: [string, string][]) => {
  const h = new Headers()
  for (const [name, value] of headers) h.append(name, value)
  return new Request("https://shop.test/login", { headers: h })
}

describe("clientIpFromHeader", () => {
  const realIp = clientIpFromHeader("X-Real-IP")

  it("reads the one address the proxy set", () => {
    expect(realIp(request([["x-real-ip", "203.0.113.7"]]))).toBe("203.0.113.7")
    expect(realIp(request([["x-real-ip", "2001:DB8::1"]]))).toBe("2001:db8::1")
    expect(realIp(request([]))).toBeUndefined()
  })

  it("gives nothing for a list or garbage", () => {
    expect(
      realIp(request([["x-real-ip", "203.0.113.7, 198.51.100.1"]]))
    ).toBeUndefined()
    expect(realIp(request([["x-real-ip", "<script>"]]))).toBeUndefined()
  })

  it("refuses a header name that is a client-writable list, or not a name", () => {
    expect(() => clientIpFromHeader("X-Forwarded-For")).toThrow(
      /clientIpFromForwardedFor/
    )
    expect(() => clientIpFromHeader("forwarded")).toThrow(TypeError)
    expect(() => clientIpFromHeader("bad header")).toThrow(TypeError)
    expect(() => clientIpFromHeader("" as string)).toThrow(TypeError)
  })
})

describe("clientIpFromForwardedFor", () => {
  it("with one proxy, reads the right-most entry (the one the proxy appended)", () => {
    const ip = clientIpFromForwardedFor({ hops: 1 })
    expect(
      ip(request([["x-forwarded-for", "10.9.9.9, 6.6.6.6, 203.0.113.7"]]))
    ).toBe("203.0.113.7")
    expect(ip(request([["x-forwarded-for", "203.0.113.7"]]))).toBe(
      "203.0.113.7"
    )
    expect(ip(request([]))).toBeUndefined()
  })

  it("with two proxies, reads the second from the right, whatever the client wrote", () => {
    const ip = clientIpFromForwardedFor({ hops: 2 })
    expect(
      ip(request([["x-forwarded-for", "1.1.1.1, 203.0.113.7, 10.0.0.2"]]))
    ).toBe("203.0.113.7")
    // Only one entry: the request skipped a proxy, so no address is trusted.
    expect(ip(request([["x-forwarded-for", "203.0.113.7"]]))).toBeUndefined()
  })

  it("reads several header lines in order", () => {
    const ip = clientIpFromForwardedFor({ hops: 1 })
    expect(
      ip(
        request([
          ["x-forwarded-for", "6.6.6.6"],
          ["x-forwarded-for", "[2001:db8::7]:1234"],
        ])
      )
    ).toBe("2001:db8::7")
  })

  it("gives nothing when the trusted entry is not an address", () => {
    const ip = clientIpFromForwardedFor({ hops: 1 })
    expect(
      ip(request([["x-forwarded-for", "203.0.113.7, unknown"]]))
    ).toBeUndefined()
  })

  it("takes another header, and checks its options", () => {
    const ip = clientIpFromForwardedFor({ hops: 1, header: "x-client-chain" })
    expect(ip(request([["x-client-chain", "203.0.113.7"]]))).toBe("203.0.113.7")
    for (const hops of [0, -1, 1.5, 21, Number.NaN, "1"])
      expect(() => clientIpFromForwardedFor({ hops: hops as number })).toThrow(
        /hops/
      )
    expect(() =>
      clientIpFromForwardedFor(undefined as unknown as { hops: number })
    ).toThrow(/hops/)
    expect(() => clientIpFromForwardedFor({ hops: 1, header: "a b" })).toThrow(
      TypeError
    )
  })
})
