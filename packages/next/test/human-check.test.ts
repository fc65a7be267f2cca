// The human check through the action: past the per-email send limit, start and resend answer
// human_check_required (the form then shows the app's widget); the form's human_token reaches the
// app's verifyHuman, and an accepted one goes on.
import { beforeEach, describe, expect, it, vi } from "vitest"
import { MemoryRateLimiter } from "@login-with-link/core"
import { newBrowser } from "@login-with-link/test-helpers/next-headers"
import { createShop, JO, post, stateOf } from "./shop.js"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

let seen: (string | undefined)[]
let shop: ReturnType<typeof createShop>
beforeEach(() => {
  newBrowser()
  seen = []
  shop = createShop({
    rateLimit: new MemoryRateLimiter(),
    rateLimits: { sendPerEmail: { points: 1, windowMs: 3_600_000 } },
    resendCooldown: 0,
    verifyHuman: (token: string | undefined) => {
      seen.push(token)
      return token === "human-ok"
    },
  })
})

describe("human_token", () => {
  it("start: the check is asked for, then an accepted token sends the code", async () => {
    const first = stateOf(
      await post(shop.signIn, { intent: "start", email: JO.email })
    )
    expect(first.step).toBe("code")
    const again = stateOf(
      await post(shop.signIn, { intent: "start", email: JO.email })
    )
    expect(again).toMatchObject({
      step: "email",
      email: JO.email,
      alert: { kind: "error", code: "human_check_required", field: "email" },
    })
    const passed = stateOf(
      await post(shop.signIn, {
        intent: "start",
        email: JO.email,
        human_token: "human-ok",
      })
    )
    expect(passed.step).toBe("code")
    expect(seen).toEqual([undefined, "human-ok"])
  })

  it("resend: the check is asked for at the code step, then an accepted token resends", async () => {
    await post(shop.signIn, { intent: "start", email: JO.email })
    const refused = stateOf(await post(shop.signIn, { intent: "resend" }))
    expect(refused).toMatchObject({
      step: "code",
      alert: { code: "human_check_required", field: "resend" },
    })
    // Past Link's own wait between two codes of one session.
    shop.sim.state.clock.advance(60_000)
    const resent = stateOf(
      await post(shop.signIn, { intent: "resend", human_token: "human-ok" })
    )
    expect(resent).toMatchObject({
      step: "code",
      alert: { code: "code_sent", resent: true },
    })
    expect(seen).toEqual([undefined, "human-ok"])
  })
})
