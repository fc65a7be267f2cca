// Known devices through linkSignIn, real next-auth and the provider: a right code leaves the
// known-device cookie in the browser; a later start from that browser (whose cookies next-auth's
// signIn hands to authorize() in Auth.js's request) passes a stranger's lock on the email.
import { describe, expect, it, vi } from "vitest"
import {
  browserCookies,
  cookies,
  newBrowser,
  plantCookie,
  setCookies,
} from "@login-with-link/test-helpers/next-headers"
import { JO, lastCode, post, stateOf, useShop, type Shop } from "./shop.js"
import type { LoginWithLinkOptions } from "@login-with-link/provider"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

const SAM = "sam@example.com"
const NINETY_DAYS = 90 * 86_400

const shop = useShop()

/** The default limiter, with the failure lock after 3 wrong codes. */
function lockAfter3(options: LoginWithLinkOptions = {}): void {
  shop.reset({
    rateLimit: undefined,
    rateLimits: { failuresPerEmail: { points: 3, windowMs: 6 * 3_600_000 } },
    ...options,
  })
}

type Proto = "http" | "https"

const start = (email: string, proto: Proto = "http") =>
  post(shop.signIn, { intent: "start", email }, { proto })

/** Sign `email` in from the current browser (a start and the right code). */
async function signIn(
  email = JO.email,
  proto: Proto = "http",
  extra: Record<string, string> = {}
): Promise<void> {
  expect(stateOf(await start(email, proto)).step).toBe("code")
  const answer = await post(
    shop.signIn,
    { intent: "verify", code: lastCode(shop.sim, email), ...extra },
    { proto }
  )
  expect(answer.kind).toBe("redirect")
}

const wrong = (s: Shop, email: string) =>
  lastCode(s.sim, email) === "111111" ? "222222" : "111111"

/** From another browser, a stranger types three wrong codes for `email`: it is locked. */
async function strangerLocks(email = JO.email): Promise<void> {
  const mine = new Map(browserCookies())
  newBrowser()
  expect(stateOf(await start(email)).step).toBe("code")
  for (let i = 0; i < 3; i++)
    await post(shop.signIn, { intent: "verify", code: wrong(shop, email) })
  expect(stateOf(await start(email)).alert?.code).toBe("too_many_attempts")
  // Back to the person's own browser, with its cookies.
  newBrowser()
  for (const [name, value] of mine) plantCookie(name, value)
}

const deviceCookie = (name = "link_device") =>
  setCookies().find((c) => c.name === name)

describe("after a sign-in", () => {
  it("over plain HTTP: link_device, httpOnly, SameSite=Lax, Path=/, not Secure, 90 days", async () => {
    lockAfter3()
    await signIn()
    const cookie = deviceCookie()
    expect(cookie?.options).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: false,
      path: "/",
      maxAge: NINETY_DAYS,
    })
    // A sealed token (compact JWE, dir): nothing of the email in it.
    expect(cookie?.value).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/)
    for (const part of cookie!.value.split("."))
      expect(Buffer.from(part, "base64url").toString("latin1")).not.toContain(
        "jo@"
      )
    expect(browserCookies().get("link_device")).toBe(cookie?.value)
  })

  it("over HTTPS: __Host-link_device, Secure, Path=/, no Domain", async () => {
    lockAfter3()
    await signIn(JO.email, "https")
    expect(deviceCookie()).toBeUndefined()
    const cookie = deviceCookie("__Host-link_device")
    expect(cookie?.options).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      path: "/",
      maxAge: NINETY_DAYS,
    })
  })

  it("knownDeviceMaxAge is the cookie's life; 0 sets none", async () => {
    lockAfter3({ knownDeviceMaxAge: 7 * 86_400 })
    await signIn()
    expect(deviceCookie()?.options.maxAge).toBe(7 * 86_400)
    lockAfter3({ knownDeviceMaxAge: 0 })
    newBrowser()
    await signIn()
    expect(deviceCookie()).toBeUndefined()
    expect(browserCookies().has("link_device")).toBe(false)
  })

  it("no cookie before the right code: not at the start, not after a wrong code", async () => {
    lockAfter3()
    await start(JO.email)
    expect(deviceCookie()).toBeUndefined()
    await post(shop.signIn, { intent: "verify", code: wrong(shop, JO.email) })
    expect(deviceCookie()).toBeUndefined()
    expect(browserCookies().has("link_device")).toBe(false)
    // The right code, after the wrong one, sets it.
    await post(shop.signIn, {
      intent: "verify",
      code: lastCode(shop.sim, JO.email),
    })
    expect(deviceCookie()?.value).toBeDefined()
  })
})

describe("a device cookie that is not one", () => {
  it.each([
    ["garbage", "garbage"],
    ["oversized", "A".repeat(5_000)],
    ["percent junk", "%E0%A4%A"],
  ])(
    "(%s) is replaced at the sign-in by a token that works",
    async (_, value) => {
      lockAfter3()
      plantCookie("link_device", value)
      await signIn()
      const token = browserCookies().get("link_device")
      expect(token).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/)
      await strangerLocks()
      expect(stateOf(await start(JO.email)).step).toBe("code")
    }
  )

  it("a cookie that cannot be set does not undo the sign-in: the person goes on, the logger hears of it", async () => {
    lockAfter3()
    const jar = await cookies()
    const set = jar.set.bind(jar)
    vi.spyOn(jar, "set").mockImplementation((name, value, options) => {
      if (name === "link_device") throw new Error("no cookies here")
      return set(name, value, options)
    })
    const errors: Error[] = []
    try {
      await start(JO.email)
      const answer = await post(
        shop.signIn,
        { intent: "verify", code: lastCode(shop.sim, JO.email) },
        { options: { logger: { error: (e) => errors.push(e) } } }
      )
      expect(answer).toEqual({ kind: "redirect", location: "/" })
    } finally {
      vi.mocked(jar.set).mockRestore()
    }
    expect(errors.map((e) => e.message)).toEqual(["no cookies here"])
    expect(browserCookies().has("authjs.session-token")).toBe(true)
    expect(browserCookies().has("link_device")).toBe(false)
  })
})

describe("a later start from the same browser", () => {
  it.each(["http", "https"] as const)(
    "over %s: passes a stranger's lock on the email, and the right code signs in",
    async (proto) => {
      lockAfter3()
      await signIn(JO.email, proto)
      await strangerLocks()
      const state = stateOf(await start(JO.email, proto))
      expect(state).toMatchObject({ step: "code", email: JO.email })
      const answer = await post(
        shop.signIn,
        { intent: "verify", code: lastCode(shop.sim, JO.email) },
        { proto }
      )
      expect(answer.kind).toBe("redirect")
      // Another browser (the stranger's, or the person's own elsewhere) is still locked out.
      newBrowser()
      expect(stateOf(await start(JO.email, proto)).alert?.code).toBe(
        "too_many_attempts"
      )
    }
  )

  it("renewal: each sign-in renews the cookie, and the renewed one still passes the lock", async () => {
    lockAfter3()
    await signIn()
    const first = browserCookies().get("link_device")
    await strangerLocks()
    await signIn()
    const renewed = deviceCookie()
    expect(renewed?.value).toBeDefined()
    expect(renewed?.value).not.toBe(first)
    expect(renewed?.options.maxAge).toBe(NINETY_DAYS)
    expect(browserCookies().get("link_device")).toBe(renewed?.value)
    expect(stateOf(await start(JO.email)).step).toBe("code")
  })

  it("renewal keeps the device: its own send count goes on under the renewed cookie", async () => {
    lockAfter3({
      rateLimits: { sendPerEmail: { points: 2, windowMs: 3_600_000 } },
    })
    await signIn() // on the email's shared key
    const first = browserCookies().get("link_device")
    await signIn() // the device's first send; the cookie is renewed
    expect(browserCookies().get("link_device")).not.toBe(first)
    expect(stateOf(await start(JO.email)).step).toBe("code") // its second
    expect(stateOf(await start(JO.email)).alert?.code).toBe("rate_limited")
  })

  it("the token is for the verified challenge's email, whatever the form posted", async () => {
    lockAfter3()
    // Jo signs in; the verify form also posts Sam's email (a tampered page).
    await signIn(JO.email, "http", { email: SAM })
    await strangerLocks(SAM)
    expect(stateOf(await start(SAM)).alert?.code).toBe("too_many_attempts")
    await strangerLocks(JO.email)
    expect(stateOf(await start(JO.email)).step).toBe("code")
  })

  it("a device cookie of another email does not pass that email's lock", async () => {
    lockAfter3()
    await signIn(SAM)
    await strangerLocks(JO.email)
    expect(stateOf(await start(JO.email)).alert?.code).toBe("too_many_attempts")
    // While it passes a stranger's lock on Sam's email, from this browser.
    await strangerLocks(SAM)
    expect(stateOf(await start(SAM)).step).toBe("code")
  })
})
