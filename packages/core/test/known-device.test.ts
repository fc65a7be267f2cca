/**
 * Known devices (`known-device.ts`): a stranger who types a person's email cannot lock that person
 * out of a browser where they signed in before, in the default configuration, while the device's
 * own key is limited as strictly. Against the in-process simulator.
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import { codeSent, failure, simulatedSteps } from "./steps.js"
import { createKnownDevices, deviceEmailKey } from "../src/known-device.js"
import { readLinkDeviceCookie } from "../src/form/device-cookie.js"
import type { LoginWithLinkOptions } from "../src/options.js"
import { MemoryRateLimiter } from "../src/rate-limit.js"
import { freshSimulator, TEST_SECRET } from "@login-with-link/test-helpers/link"

const env = freshSimulator()

afterEach(() => {
  vi.useRealTimers()
})

const KNOWN = "jo@example.com"
const OTHER = "sam@example.com"
const LOCK_AFTER_3 = {
  failuresPerEmail: { points: 3, windowMs: 6 * 3_600_000 },
}

function steps(options: LoginWithLinkOptions = {}) {
  return simulatedSteps(env, {
    rateLimit: new MemoryRateLimiter(),
    resendCooldown: 0,
    rateLimits: LOCK_AFTER_3,
    ...options,
  })
}

const code = async (promise: Promise<unknown>) => (await failure(promise)).code

const latestCode = (email = KNOWN) => env.sim.state.outbox.latestCode(email)!
const wrongCode = (email = KNOWN) =>
  latestCode(email) === "111111" ? "222222" : "111111"

/** A stranger's three wrong codes at `email`: the email's shared key is locked. */
async function strangerLocks(
  link: ReturnType<typeof steps>,
  email = KNOWN
): Promise<void> {
  const sent = await codeSent(link.start(email))
  for (let i = 0; i < 3; i++)
    expect(await code(link.finish(sent.challenge, wrongCode(email)))).toBe(
      "invalid_code"
    )
  expect(await code(link.start(email))).toBe("too_many_attempts")
}

/** Sign `email` in (on the shared key) and answer the browser's known-device token. */
async function signedInDevice(
  link: ReturnType<typeof steps>,
  email = KNOWN
): Promise<string> {
  const sent = await codeSent(link.start(email))
  await link.finish(sent.challenge, latestCode(email))
  const token = await link.knownDevice(email)
  expect(token).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/)
  return token!
}

describe("known devices: nobody can lock a person out of their own browser", () => {
  it("a stranger's wrong codes lock the email, but not on the person's known device", async () => {
    const link = steps()
    const device = await signedInDevice(link)
    await strangerLocks(link)
    // The person, on the browser where they signed in before: a code, and the right one signs in.
    const mine = await codeSent(link.start(KNOWN, { knownDevice: device }))
    expect((await link.finish(mine.challenge, latestCode())).email).toBe(KNOWN)
    // Without the token (the stranger, or another browser) the email stays locked.
    expect(await code(link.start(KNOWN))).toBe("too_many_attempts")
  })

  it("the per-email send limit a stranger used up does not stop the known device", async () => {
    const link = steps({
      rateLimits: { sendPerEmail: { points: 2, windowMs: 3_600_000 } },
    })
    const device = await signedInDevice(link)
    await codeSent(link.start(KNOWN))
    expect(await code(link.start(KNOWN))).toBe("rate_limited")
    await codeSent(link.start(KNOWN, { knownDevice: device }))
  })

  it("by default a stranger's starts stop below Link's own cap, leaving the known device a code", async () => {
    // The simulator caps sends at Link's 5 per person an hour; the default sendPerEmail is 3.
    expect(env.sim.config.maxSendsPerHour).toBe(5)
    const link = steps()
    const device = await signedInDevice(link)
    // The person's own sign-in was one of the email's 3; the stranger gets the other 2.
    for (let i = 0; i < 2; i++) await codeSent(link.start(KNOWN))
    expect(await code(link.start(KNOWN))).toBe("rate_limited")
    expect(env.sim.state.outbox.list(KNOWN)).toHaveLength(3)
    const mine = await codeSent(link.start(KNOWN, { knownDevice: device }))
    expect((await link.finish(mine.challenge, latestCode())).email).toBe(KNOWN)

    // Why below it: at Link's own 5, the stranger would use up Link's cap, which no device escapes.
    const atLinksCap = steps({
      rateLimits: { sendPerEmail: { points: 5, windowMs: 3_600_000 } },
    })
    const othersDevice = await signedInDevice(atLinksCap, OTHER)
    for (let i = 0; i < 4; i++) await codeSent(atLinksCap.start(OTHER))
    // Link's cap answers as Link does for it: too many attempts.
    expect(
      await code(atLinksCap.start(OTHER, { knownDevice: othersDevice }))
    ).toBe("too_many_attempts")
  })

  it("the device's own key is limited as strictly: its wrong codes lock it, resend and finish count there", async () => {
    const link = steps()
    const device = await signedInDevice(link)
    const sent = await codeSent(link.start(KNOWN, { knownDevice: device }))
    await code(link.finish(sent.challenge, wrongCode()))
    env.sim.state.clock.advance(31_000)
    const resent = await codeSent(link.resend(sent.challenge))
    await code(link.finish(resent.challenge, wrongCode()))
    await code(link.finish(resent.challenge, wrongCode()))
    expect(await code(link.start(KNOWN, { knownDevice: device }))).toBe(
      "too_many_attempts"
    )
    // The device's tries did not lock the email for everyone else.
    await codeSent(link.start(KNOWN))
  })

  it("renewing the cookie keeps the device: its count goes on", async () => {
    const link = steps()
    const first = await signedInDevice(link)
    const sent = await codeSent(link.start(KNOWN, { knownDevice: first }))
    for (let i = 0; i < 3; i++)
      await code(link.finish(sent.challenge, wrongCode()))
    const renewed = await link.knownDevice(KNOWN, first)
    expect(renewed).not.toBe(first)
    expect(await code(link.start(KNOWN, { knownDevice: renewed }))).toBe(
      "too_many_attempts"
    )
  })

  it("ignores a token of another email, another shop, an old secret no longer listed, an expired or a forged one", async () => {
    const link = steps()
    const othersDevice = await signedInDevice(link, OTHER)
    await strangerLocks(link)
    const otherShop = await simulatedSteps(env, {
      rateLimit: new MemoryRateLimiter(),
      publishableKey: "pk_test_another_shop",
    }).knownDevice(KNOWN)
    const otherSecret = await simulatedSteps(env, {
      rateLimit: new MemoryRateLimiter(),
      secret: "another-secret-0123456789abcdefghijklmnop",
    }).knownDevice(KNOWN)
    vi.useFakeTimers({ toFake: ["Date"] })
    const expired = await link.knownDevice(KNOWN)
    vi.setSystemTime(Date.now() + link.options.knownDeviceMaxAge * 1000 + 1000)
    const forged = `${expired!.slice(0, -3)}AAA`
    for (const token of [
      othersDevice,
      otherShop,
      otherSecret,
      expired,
      forged,
      "",
      "x".repeat(5000),
      "..a.b.c",
    ])
      expect(await code(link.start(KNOWN, { knownDevice: token }))).toBe(
        "too_many_attempts"
      )
  })

  it("a token sealed before the secret rotated still counts while the old secret is listed", async () => {
    const OLD = TEST_SECRET
    const NEW = "rotated-secret-0123456789abcdefghijklmnop"
    const limiter = new MemoryRateLimiter()
    const before = steps({ rateLimit: limiter, secret: OLD })
    const device = await signedInDevice(before)
    const after = steps({ rateLimit: limiter, secret: [NEW, OLD] })
    await strangerLocks(after)
    await codeSent(after.start(KNOWN, { knownDevice: device }))
  })

  it("no token with knownDeviceMaxAge: 0 or for what is not an email", async () => {
    expect(
      await steps({ knownDeviceMaxAge: 0 }).knownDevice(KNOWN)
    ).toBeUndefined()
    expect(await steps().knownDevice("not an email")).toBeUndefined()
    expect(() => steps({ knownDeviceMaxAge: 401 * 86_400 })).toThrow(
      /knownDeviceMaxAge/
    )
  })
})

describe("the token", () => {
  const devices = createKnownDevices({
    secrets: [TEST_SECRET],
    binding: "pk_test_x https://link.example/api",
    maxAge: 60,
  })
  const key = "0123456789abcdef0123456789abcdef"

  it("is encrypted: neither the email nor the device id can be read from it", async () => {
    const token = await devices.issue(KNOWN)
    const device = await devices.read(token, KNOWN)
    expect(device).toMatch(/^[\w-]{22}$/)
    expect(await devices.read(token, OTHER)).toBeUndefined()
    expect(
      atob(token.split(".")[3]!.replace(/-/g, "+").replace(/_/g, "/"))
    ).not.toContain("jo@")
    expect(token).not.toContain(device)
    expect(
      JSON.parse(
        atob(token.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/"))
      )
    ).toEqual({ alg: "dir", enc: "A256GCM", typ: "lwl-device+jwt" })
  })

  it("a device's key is the email's key on that device: 32 hex, one per device", async () => {
    const one = deviceEmailKey(key, "a".repeat(22))
    expect(one).toMatch(/^[0-9a-f]{32}$/)
    expect(one).not.toBe(key)
    expect(deviceEmailKey(key, "b".repeat(22))).not.toBe(one)
  })
})

describe("readLinkDeviceCookie", () => {
  const jar =
    (cookies: Record<string, string>) =>
    (name: string): string | undefined =>
      cookies[name]

  it("takes the __Host- cookie, else the plain one, each only within bounds", () => {
    expect(
      readLinkDeviceCookie(
        jar({ "__Host-link_device": "host", link_device: "plain" })
      )
    ).toBe("host")
    expect(readLinkDeviceCookie(jar({ link_device: "plain" }))).toBe("plain")
    expect(
      readLinkDeviceCookie(
        jar({ "__Host-link_device": "x".repeat(1025), link_device: "plain" })
      )
    ).toBe("plain")
    expect(readLinkDeviceCookie(jar({ link_device: "" }))).toBeUndefined()
    expect(readLinkDeviceCookie(jar({}))).toBeUndefined()
  })
})
