import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { clientIpFromHeader } from "../src/client-ip.js"
import {
  NO_CLIENT_IP_WARNING,
  warnIfNoClientIp,
} from "../src/client-ip-warning.js"

// The process-wide flag (see the module): each test starts as a fresh process would.
beforeEach(() => {
  Reflect.deleteProperty(
    globalThis,
    Symbol.for("@login-with-link/core.noClientIpWarned")
  )
})
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

  it("stays once per process when a bundler loads a second copy of the module (Next.js does)", async () => {
    const lines: string[] = []
    const warn = (line: string) => lines.push(line)
    vi.resetModules()
    const first = await import("../src/client-ip-warning.js")
    vi.resetModules()
    const second = await import("../src/client-ip-warning.js")
    expect(second.warnIfNoClientIp).not.toBe(first.warnIfNoClientIp)
    expect(first.warnIfNoClientIp(undefined, { warn, production: true })).toBe(
      true
    )
    expect(second.warnIfNoClientIp(undefined, { warn, production: true })).toBe(
      false
    )
    expect(lines).toEqual([
      NO_CLIENT_IP_WARNING.replace("{option}", "clientIp"),
    ])
  })
})
