/**
 * The human check (`verifyHuman`): past the per-email send limit, start and resend answer
 * `HUMAN_CHECK_REQUIRED` (429) instead of a bare refusal, and a body carrying a `humanToken` the
 * app's verifier accepts goes on. The verifier here is a fake that accepts one token.
 */
import { MemoryRateLimiter } from "@login-with-link/core"
import { expect, it } from "vitest"
import { LOGIN_WITH_LINK_ERROR_CODES } from "../src/index.js"
import { app, json, post, useLink } from "./harness.js"

const { link, sim } = useLink()

/** The app, its fake verifier accepting "human-ok", and what the verifier was asked. */
function setUp() {
  const asked: { token: string | undefined; step: string; email: string }[] = []
  const { auth } = app(link, {
    rateLimit: new MemoryRateLimiter(),
    rateLimits: { sendPerEmail: { points: 1, windowMs: 3_600_000 } },
    resendCooldown: 0,
    verifyHuman: (token, { step, email }) => {
      asked.push({ token, step, email })
      return token === "human-ok"
    },
  })
  return { auth, asked }
}

const start = (auth: ReturnType<typeof setUp>["auth"], humanToken?: string) =>
  post(auth, "/sign-in/link/start", {
    email: "jo@example.com",
    ...(humanToken === undefined ? {} : { humanToken }),
  })

it("past the per-email send limit, start asks for the human check, coded", async () => {
  const { auth, asked } = setUp()
  expect((await start(auth)).status).toBe(200)
  const calls = await sim.calls()
  const refused = await start(auth)
  expect(refused.status).toBe(429)
  expect(await json(refused)).toMatchObject({
    code: "HUMAN_CHECK_REQUIRED",
    message: LOGIN_WITH_LINK_ERROR_CODES.HUMAN_CHECK_REQUIRED.message,
  })
  const wrong = await start(auth, "bot-guess")
  expect((await json(wrong)).code).toBe("HUMAN_CHECK_REQUIRED")
  // No SMS went out for the refusals.
  expect(await sim.calls()).toBeLessThanOrEqual(calls + 2)
  expect(asked.map((a) => [a.step, a.token])).toEqual([
    ["start", undefined],
    ["start", "bot-guess"],
  ])
})

it("a start carrying a token the verifier accepts goes on and texts the code", async () => {
  const { auth, asked } = setUp()
  await start(auth)
  const passed = await start(auth, "human-ok")
  expect(passed.status).toBe(200)
  expect((await json(passed)).status).toBe("code_sent")
  expect(asked.at(-1)).toEqual({
    token: "human-ok",
    step: "start",
    email: "jo@example.com",
  })
})

it("resend past the limit asks for the check too, and goes on with a good token", async () => {
  const { auth } = setUp()
  const { challenge } = await json(await start(auth))
  await sim.advance(31_000)
  const refused = await post(auth, "/sign-in/link/resend", { challenge })
  expect((await json(refused)).code).toBe("HUMAN_CHECK_REQUIRED")
  const passed = await post(auth, "/sign-in/link/resend", {
    challenge,
    humanToken: "human-ok",
  })
  expect((await json(passed)).status).toBe("code_sent")
})

it("refuses an oversized humanToken as a bad body, before any Link call", async () => {
  const { auth } = setUp()
  const calls = await sim.calls()
  const response = await start(auth, "x".repeat(5000))
  expect(response.status).toBe(400)
  expect((await json(response)).code).toBe("INVALID_EMAIL")
  expect(await sim.calls()).toBe(calls)
})
