/**
 * Known devices through the plugin: after a sign-in the browser keeps `link_device` (httpOnly), and
 * a stranger who locks the person's email elsewhere does not lock them out of that browser, on the
 * step routes and on the form's route alike. Over better-auth's handler and the HTTP simulator.
 */
import { describe, expect, it } from "vitest"
import type { LinkFormState } from "@login-with-link/core/form"
import { linkClientAction } from "../src/client.js"
import { app, clientWithJar, post, useLink } from "./harness.js"

const { link, sim } = useLink()

const EMAIL = "jo@example.com"
const START = "/sign-in/link/start"
const VERIFY = "/sign-in/link/verify"

/** The plugin with its default limiter, and a failure lock after 3 wrong codes. */
function lockingApp(options: Parameters<typeof app>[2] = {}) {
  return app(
    link,
    {
      rateLimit: undefined,
      resendCooldown: 0,
      rateLimits: { failuresPerEmail: { points: 3, windowMs: 6 * 3_600_000 } },
    },
    options
  )
}

type Auth = ReturnType<typeof lockingApp>["auth"]

const json = async (response: Response) =>
  (await response.json()) as Record<string, unknown>

const wrong = async () =>
  (await sim.code(EMAIL)) === "111111" ? "222222" : "111111"

/** A stranger, with no cookie at all, tries three wrong codes: the email is locked for everyone. */
async function strangerLocks(auth: Auth): Promise<void> {
  const sent = await json(await post(auth, START, { email: EMAIL }))
  for (let i = 0; i < 3; i++)
    await post(auth, VERIFY, { challenge: sent.challenge, code: await wrong() })
  const locked = await json(await post(auth, START, { email: EMAIL }))
  expect(locked.code).toBe("TOO_MANY_ATTEMPTS")
}

describe("known devices in the plugin", () => {
  it("verify sets the device cookie; from that browser a locked email still signs in", async () => {
    const { auth } = lockingApp()
    const { client, jar } = clientWithJar(auth)
    const first = await client.signIn.link.start({ email: EMAIL })
    const challenge = (first.data as { challenge: string }).challenge
    await client.signIn.link.verify({ challenge, code: await sim.code(EMAIL) })
    const device = jar.get("link_device")
    expect(device).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/)

    await strangerLocks(auth)
    const again = await client.signIn.link.start({ email: EMAIL })
    expect(again.error).toBeNull()
    const done = await client.signIn.link.verify({
      challenge: (again.data as { challenge: string }).challenge,
      code: await sim.code(EMAIL),
    })
    expect(done.error).toBeNull()
    // Signing in renewed the cookie: a new token, the same device.
    expect(jar.get("link_device")).not.toBe(device)
    expect(jar.get("link_device")).toBeTruthy()
  })

  it("a cookie of another email, garbage or an oversized one changes nothing", async () => {
    const { auth } = lockingApp()
    const { client, jar } = clientWithJar(auth)
    const other = "sam@example.com"
    const sent = await client.signIn.link.start({ email: other })
    await client.signIn.link.verify({
      challenge: (sent.data as { challenge: string }).challenge,
      code: await sim.code(other),
    })
    const othersDevice = jar.get("link_device")!
    await strangerLocks(auth)
    for (const cookie of [
      `link_device=${othersDevice}`,
      `__Host-link_device=${othersDevice}`,
      "link_device=garbage",
      `link_device=${"x".repeat(5000)}`,
      "link_device=",
      "link_device=%zz; =; ;;",
    ]) {
      const response = await post(auth, START, { email: EMAIL }, { cookie })
      expect(response.status).toBe(429)
      expect((await json(response)).code).toBe("TOO_MANY_ATTEMPTS")
    }
  })

  it("the form's route (linkClientAction) keeps and uses the same cookie", async () => {
    const { auth } = lockingApp()
    const { client, jar } = clientWithJar(auth)
    const action = linkClientAction(client)
    const form = (fields: Record<string, string>) => {
      const data = new FormData()
      for (const [key, value] of Object.entries(fields)) data.set(key, value)
      return data
    }
    const signIn = async (): Promise<LinkFormState> => {
      const code = await action(
        undefined,
        form({ intent: "start", email: EMAIL })
      )
      expect(code.step).toBe("code")
      return action(
        code,
        form({ intent: "verify", code: await sim.code(EMAIL) })
      )
    }
    expect((await signIn()).redirectTo).toBe("/")
    expect(jar.has("link_device")).toBe(true)
    await strangerLocks(auth)
    expect((await signIn()).redirectTo).toBe("/")
  })

  it("over HTTPS the cookie is __Host-, Secure, httpOnly, Lax, Path=/, for knownDeviceMaxAge", async () => {
    const { auth } = app(
      link,
      { rateLimit: undefined, knownDeviceMaxAge: 3600 },
      { baseURL: "https://shop.test" }
    )
    const sent = await json(
      await auth.handler(
        new Request(`https://shop.test/api/auth${START}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: EMAIL }),
        })
      )
    )
    const verified = await auth.handler(
      new Request(`https://shop.test/api/auth${VERIFY}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          challenge: sent.challenge,
          code: await sim.code(EMAIL),
        }),
      })
    )
    expect(verified.status).toBe(200)
    const set = verified.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith("__Host-link_device="))
    expect(set).toMatch(/Max-Age=3600/i)
    expect(set).toMatch(/Path=\//i)
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/Secure/i)
    expect(set).toMatch(/SameSite=Lax/i)
    expect(set).not.toMatch(/Domain=/i)
  })

  it("knownDeviceMaxAge: 0 sets no cookie", async () => {
    const { auth } = app(link, { rateLimit: undefined, knownDeviceMaxAge: 0 })
    const { client, jar } = clientWithJar(auth)
    const sent = await client.signIn.link.start({ email: EMAIL })
    await client.signIn.link.verify({
      challenge: (sent.data as { challenge: string }).challenge,
      code: await sim.code(EMAIL),
    })
    expect(jar.has("link_device")).toBe(false)
  })
})
