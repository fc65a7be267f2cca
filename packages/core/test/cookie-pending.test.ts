/**
 * `linkCookiePending`: the server drivers' one pending store. What the page shows comes out of the
 * sealed challenge in the cookie; a refused cookie is cleared and coded, an expired one still
 * gives its email back.
 */
import { describe, expect, test } from "vitest"
import { linkCookiePending } from "../src/form/index.js"
import {
  MAX_CHALLENGE_LENGTH,
  readChallengeView,
  resolveOptions,
  sealChallenge,
} from "../src/index.js"

const options = resolveOptions({
  publishableKey: "pk_test_pending",
  secret: "a-secret-of-at-least-sixteen",
  apiUrl: "http://127.0.0.1:9/api",
  rateLimit: false,
})
const binding = `${options.publishableKey} ${options.apiUrl}`

const seal = (expiresAt: number, secret = options.secrets) =>
  sealChallenge(
    {
      email: "jo@example.com",
      clientSecret: "cs_secret_value",
      redactedPhone: "+3*********90",
      expiresAt,
      resendAt: expiresAt - 570_000,
    },
    { secret, binding }
  )

/** A cookie jar as a framework's cookie API has it, recording what was set. */
function jar(value?: string) {
  const sets: [string, number][] = []
  let current = value
  return {
    sets,
    get: () => current,
    set: (next: string, expiresAt: number) => {
      sets.push([next, expiresAt])
      current = next || undefined
    },
  }
}

const read = (challenge: string, opts?: { allowExpired?: boolean }) =>
  readChallengeView(challenge, options, opts)

describe("linkCookiePending", () => {
  test("no cookie: nothing in progress, and clearing sets nothing", async () => {
    const cookie = jar()
    const pending = linkCookiePending(cookie, read)
    expect(await pending.read()).toEqual({ status: "none" })
    await pending.clear()
    expect(cookie.sets).toEqual([])
  })

  test("a sealed challenge: open, with what the page may show and never the client secret", async () => {
    const expiresAt = Math.floor(Date.now() / 1000) * 1000 + 600_000
    const challenge = await seal(expiresAt)
    const read_ = await linkCookiePending(jar(challenge), read).read()
    expect(read_).toEqual({
      status: "open",
      challenge,
      view: {
        email: "jo@example.com",
        redactedPhone: "+3*********90",
        expiresAt,
        resendAt: expiresAt - 570_000,
      },
    })
    expect(JSON.stringify(read_)).not.toContain("cs_secret_value")
  })

  test("tampered, foreign or oversized: refused as challenge_invalid, with no email", async () => {
    const good = await seal(Date.now() + 600_000)
    const foreign = await seal(Date.now() + 600_000, [
      "another-secret-of-sixteen-plus",
    ])
    for (const value of [
      `${good.slice(0, -4)}AAAA`,
      foreign,
      "x".repeat(MAX_CHALLENGE_LENGTH + 1),
      "not a challenge",
    ])
      expect(await linkCookiePending(jar(value), read).read()).toEqual({
        status: "refused",
        code: "challenge_invalid",
        email: "",
      })
  })

  test("expired but genuine: refused as challenge_expired, the email kept for the next try", async () => {
    const pending = linkCookiePending(jar(await seal(Date.now() - 1000)), read)
    expect(await pending.read()).toEqual({
      status: "refused",
      code: "challenge_expired",
      email: "jo@example.com",
    })
  })

  test("write sets the challenge until it expires; clear sets it empty", async () => {
    const cookie = jar()
    const pending = linkCookiePending(cookie, read)
    await pending.write({
      status: "code_sent",
      challenge: "sealed",
      redactedPhone: "+3*********90",
      expiresAt: 123,
      resendAt: 100,
      email: "jo@example.com",
    })
    await pending.clear()
    expect(cookie.sets).toEqual([
      ["sealed", 123],
      ["", 0],
    ])
  })
})
