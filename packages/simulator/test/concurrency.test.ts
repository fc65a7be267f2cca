import { expect, test } from "vitest"
import { authenticate, makeSimulator, started } from "./utils.js"

test("100 parallel authenticates with the right code give exactly one success", async () => {
  const sim = makeSimulator()
  const { clientSecret, code } = await started(sim)
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => authenticate(sim, clientSecret, code))
  )
  const statuses = responses.map((r) => r.status)
  expect(statuses.filter((s) => s === 200)).toHaveLength(1)
  expect(statuses.filter((s) => s === 400)).toHaveLength(99)
  const bodies = (await Promise.all(
    responses.filter((r) => r.status === 400).map((r) => r.json())
  )) as {
    error: { code: string }
  }[]
  expect(new Set(bodies.map((b) => b.error.code))).toEqual(
    new Set(["consumer_session_expired"])
  )
})

test("100 parallel wrong codes consume exactly the attempt budget", async () => {
  const sim = makeSimulator()
  const { clientSecret, code } = await started(sim)
  const wrong = code === "111111" ? "222222" : "111111"
  const statuses = (
    await Promise.all(
      Array.from({ length: 100 }, () => authenticate(sim, clientSecret, wrong))
    )
  ).map((r) => r.status)
  expect(statuses.filter((s) => s === 400)).toHaveLength(5)
  expect(statuses.filter((s) => s === 429)).toHaveLength(95)
})
