import { describe, expect, test } from "vitest"
import { timeLeft } from "../src/time-left.js"

const now = new Date("2026-12-06T10:00:00Z")

describe("timeLeft", () => {
  test.each([
    ["2026-12-13T10:00:00Z", "7 more days"],
    ["2026-12-08T10:00:00Z", "2 more days"],
    ["2026-12-08T09:00:00Z", "47 more hours"],
    ["2026-12-07T09:00:00Z", "23 more hours"],
    ["2026-12-06T11:30:00Z", "90 more minutes"],
    ["2026-12-06T10:00:20Z", "1 more minute"],
    ["2026-12-06T09:00:00Z", "1 more minute"],
  ])("until %s is %s", (until, words) => {
    expect(timeLeft(new Date(until), now)).toBe(words)
  })
})
