import { afterEach, describe, expect, it, vi } from "vitest"
import { clientIpFromHeader } from "../src/client-ip.js"
import {
  NO_CLIENT_IP_WARNING,
  warnIfNoClientIp,
} from "../src/client-ip-warning.js"

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("warnIfNoClientIp (issue 16, item 2)", () => {
  it("in production with no source, warns once per process, naming the option and the fix", () => {
    vi.stubEnv("NODE_ENV", "development")
    const lines: string[] = []
    const warn = (line: string) => lines.push(line)
    expect(warnIfNoClientIp(undefined, { warn })).toBe(false)
    // A configured source: nothing to say.
    vi.stubEnv("NODE_ENV", "production")
    expect(warnIfNoClientIp(clientIpFromHeader("x-real-ip"), { warn })).toBe(
      false
    )
    expect(lines).toEqual([])
    expect(warnIfNoClientIp(undefined, { warn, option: "clientIp" })).toBe(true)
    expect(warnIfNoClientIp(undefined, { warn })).toBe(false)
    expect(warnIfNoClientIp(false, { warn, production: true })).toBe(false)
    expect(lines).toEqual([
      NO_CLIENT_IP_WARNING.replace("{option}", "clientIp"),
    ])
    expect(lines[0]).toMatch(/lookupTotalNoIp.*clientIpFromForwardedFor/)
  })
})
