import { describe, expect, test } from "vitest"
import { formatDuration, normalizeCode } from "../app/lib/login-state"

describe("normalizeCode", () => {
  test.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    ["123-456", "123456"],
    [" 12 34 56 ", "123456"],
    ["1234567", "123456"],
    ["12a", "12"],
  ])("%j becomes %j", (input, expected) => {
    expect(normalizeCode(input)).toBe(expected)
  })
})

describe("formatDuration", () => {
  test.each([
    [0, "0 seconds"],
    [1, "1 second"],
    [29.2, "30 seconds"],
    [60, "1 minute"],
    [61, "1 minute 1 second"],
    [600, "10 minutes"],
  ])("%d s reads %j", (input, expected) => {
    expect(formatDuration(input)).toBe(expected)
  })
})
