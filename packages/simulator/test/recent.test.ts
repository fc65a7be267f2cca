import { describe, expect, test } from "vitest"
import { createRecent } from "../src/recent.js"

describe("createRecent", () => {
  test("keeps every value, oldest first, until the limit", () => {
    const recent = createRecent<number>(3)
    expect(recent.toArray()).toEqual([])
    recent.add(1)
    recent.add(2)
    expect(recent.toArray()).toEqual([1, 2])
  })

  test("past the limit, keeps the newest values, oldest first", () => {
    const recent = createRecent<number>(3)
    for (let i = 1; i <= 7; i++) recent.add(i)
    expect(recent.toArray()).toEqual([5, 6, 7])
    recent.add(8)
    expect(recent.toArray()).toEqual([6, 7, 8])
  })

  test("hands out a copy", () => {
    const recent = createRecent<number>(2)
    recent.add(1)
    recent.toArray().push(99)
    expect(recent.toArray()).toEqual([1])
  })
})
