// Bad input: a tampered, foreign, expired, oversized or missing challenge cookie, a forged
// previousState and hostile callbackUrls each get a coded answer and a clean start; none throws.
// The tests both server drivers pass are test-helpers' describeHostileForm; next's own follow.
import { describe, expect, it, vi } from "vitest"
import { VARIANTS } from "@login-with-link/test-helpers"
import { describeHostileForm } from "@login-with-link/test-helpers/hostile-form-suite"
import { linkSignIn } from "../src/server/index.js"
import { badCookies, JO, lastCode, post, stateOf, useShop } from "./shop.js"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

const shop = useShop()

/**
 * Hostile callbackUrls (test-helpers' list, and a few of next's own): each must land on the
 * fallback, never off the origin.
 */
const HOSTILE = [
  ...new Set([
    ...VARIANTS,
    "/%2F%2Fevil.example",
    "checkout",
    "/login",
    "/login?callbackUrl=/account",
  ]),
]

describeHostileForm({
  post: (fields, init) => post(shop.signIn, fields, init),
  render: () => linkSignIn(shop.signIn),
  badCookies: badCookies(shop),
  person: JO,
  code: (email) => lastCode(shop.sim, email),
  async watchLink() {
    return () =>
      expect(shop.sim.state.outbox.list("mallory@example.com")).toHaveLength(0)
  },
  callbackUrls: HOSTILE,
})

describe("oversized fields", () => {
  it("are refused as empty", async () => {
    const state = stateOf(
      await post(shop.signIn, { intent: "start", email: "a".repeat(100_000) })
    )
    expect(state.alert?.code).toBe("invalid_email")
    expect(state.email.length).toBeLessThanOrEqual(320)
  })
})

describe("hostile callbackUrls", () => {
  it("include every variant of the shared list and next's own", () => {
    expect(HOSTILE).toHaveLength(VARIANTS.length + 4)
  })

  it("a hostile one in the page's address (the Referer) is refused too", async () => {
    await post(shop.signIn, { intent: "start", email: JO.email })
    const answer = await post(
      shop.signIn,
      { intent: "verify", code: lastCode(shop.sim, JO.email) },
      { referer: "http://shop.test/login?callbackUrl=%2F%2Fevil.example" }
    )
    expect(answer).toEqual({ kind: "redirect", location: "/" })
  })
})

describe("resume (another tab changed the sign-in)", () => {
  it("reads the state as it is: no SMS, even with an email posted", async () => {
    const state = stateOf(
      await post(shop.signIn, { intent: "resume", email: JO.email })
    )
    expect(state).toMatchObject({ step: "email", email: JO.email, seq: 1 })
    expect(state.alert).toBeUndefined()
    expect(shop.sim.state.outbox.list()).toHaveLength(0)
  })

  it("an unknown intent with an email or a code runs no step", async () => {
    await post(shop.signIn, {
      intent: "bogus",
      email: JO.email,
      code: "000000",
    })
    expect(shop.sim.state.outbox.list()).toHaveLength(0)
  })

  it("a sign-in in progress: its code step", async () => {
    await post(shop.signIn, { intent: "start", email: JO.email })
    const state = stateOf(await post(shop.signIn, { intent: "resume" }))
    expect(state).toMatchObject({ step: "code", email: JO.email })
    expect(shop.sim.state.outbox.list()).toHaveLength(1)
  })
})
