/**
 * The client IP of the core's per-IP limits: only from a source the app configured (the plugin's
 * `clientIp`, or better-auth's `advanced.ipAddress.ipAddressHeaders`), never from a header the
 * client writes itself by default.
 */
import {
  clientIpFromHeader,
  MemoryRateLimiter,
  type RateLimiter,
} from "@login-with-link/core"
import { describe, expect, it, vi } from "vitest"

import { app, json, post, useLink } from "./harness.js"

const { link } = useLink()

/** The core's limiter, recording the keys it counts under. */
function recordingLimiter() {
  const inner = new MemoryRateLimiter()
  const keys: string[] = []
  const limiter: RateLimiter = {
    consume(key, rule) {
      keys.push(key)
      return inner.consume(key, rule)
    },
  }
  return { limiter, ipKeys: () => keys.filter((key) => key.includes(":ip:")) }
}

/** 10 starts for distinct emails, each with a fresh `X-Forwarded-For` and the given headers. */
async function rotatingStarts(
  auth: Parameters<typeof post>[0],
  headers: Record<string, string> = {}
) {
  const statuses: number[] = []
  for (let i = 0; i < 10; i += 1) {
    const response = await post(
      auth,
      "/sign-in/link/start",
      { email: `new${i}@example.com` },
      { "x-forwarded-for": `198.51.100.${i + 1}`, ...headers }
    )
    statuses.push(response.status)
  }
  return statuses
}

const perIp = { lookupPerIp: { points: 3, windowMs: 60_000 } }

describe("the client IP", () => {
  it("is not read from X-Forwarded-For unless the app configured a source: a rotating header gets no buckets", async () => {
    const { limiter, ipKeys } = recordingLimiter()
    const { auth } = app(link, { rateLimit: limiter, rateLimits: perIp })
    await rotatingStarts(auth)
    expect(ipKeys()).toEqual([])
  })

  it("comes from better-auth's ipAddressHeaders when the app set them: a rotating X-Forwarded-For shares the client's one bucket", async () => {
    const { limiter, ipKeys } = recordingLimiter()
    const { auth } = app(
      link,
      { rateLimit: limiter, rateLimits: perIp },
      { advanced: { ipAddress: { ipAddressHeaders: ["x-client-ip"] } } }
    )
    const statuses = await rotatingStarts(auth, { "x-client-ip": "192.0.2.7" })
    expect(statuses).toEqual([200, 200, 200, ...Array(7).fill(429)])
    expect(new Set(ipKeys())).toEqual(
      new Set(["link:lookupPerIp:ip:192.0.2.7"])
    )
  })

  it("comes from the plugin's clientIp first, over better-auth's headers", async () => {
    const { limiter, ipKeys } = recordingLimiter()
    const { auth } = app(
      link,
      {
        rateLimit: limiter,
        rateLimits: perIp,
        clientIp: clientIpFromHeader("x-real-ip"),
      },
      { advanced: { ipAddress: { ipAddressHeaders: ["x-client-ip"] } } }
    )
    const statuses = await rotatingStarts(auth, {
      "x-real-ip": "203.0.113.9",
      "x-client-ip": "192.0.2.7",
    })
    expect(statuses.filter((status) => status === 200)).toHaveLength(3)
    expect(new Set(ipKeys())).toEqual(
      new Set(["link:lookupPerIp:ip:203.0.113.9"])
    )
    const refused = await post(
      auth,
      "/sign-in/link/start",
      { email: "late@example.com" },
      { "x-real-ip": "203.0.113.9" }
    )
    expect(await json(refused)).toMatchObject({ code: "RATE_LIMITED" })
  })

  it("is none when the app turned IP tracking off", async () => {
    const { limiter, ipKeys } = recordingLimiter()
    const { auth } = app(
      link,
      { rateLimit: limiter, rateLimits: perIp },
      {
        advanced: {
          ipAddress: {
            ipAddressHeaders: ["x-client-ip"],
            disableIpTracking: true,
          },
        },
      }
    )
    await rotatingStarts(auth, { "x-client-ip": "192.0.2.7" })
    expect(ipKeys()).toEqual([])
  })

  it("refuses a clientIp that is not a function, naming the option", () => {
    expect(
      () => app(link, { clientIp: "x-real-ip" as never }).auth.$context
    ).toThrow(/clientIp/)
  })
})

describe("in production without a client IP source", () => {
  /** The lines better-auth's logger was given while an app started. */
  async function startLog(
    options: Parameters<typeof app>[2] = {},
    plugin = {}
  ) {
    const lines: string[] = []
    vi.stubEnv("NODE_ENV", "production")
    try {
      const { auth } = app(link, plugin, {
        ...options,
        logger: {
          level: "warn",
          log: (_level, message) => void lines.push(message),
        },
      })
      await auth.$context
    } finally {
      vi.unstubAllEnvs()
    }
    return lines
  }

  const warning = "No client IP source is configured"

  it("says nothing when a source is configured", async () => {
    expect(
      (
        await startLog({
          advanced: { ipAddress: { ipAddressHeaders: ["x-real-ip"] } },
        })
      ).join("\n")
    ).not.toContain(warning)
    expect(
      (await startLog({}, { clientIp: clientIpFromHeader("x-real-ip") })).join(
        "\n"
      )
    ).not.toContain(warning)
  })

  it("warns once at start-up, naming better-auth's setting", async () => {
    const lines = await startLog()
    const warnings = lines.filter((line) => line.includes(warning))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/advanced\.ipAddress\.ipAddressHeaders/)
    // Once per process: a second app says nothing more.
    expect((await startLog()).join("\n")).not.toContain(warning)
  })
})
