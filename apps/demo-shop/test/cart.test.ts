import { describe, expect, test } from "vitest"
import {
  describeCart,
  parseCart,
  parseQuantity,
  serializeCart,
} from "../app/lib/cart"

describe("the cart cookie", () => {
  test("round-trips catalog products and quantities", () => {
    const items = new Map([
      ["stoneware-mug", 2],
      ["linen-tote", 1],
    ])
    expect(parseCart(serializeCart(items))).toEqual(items)
  })

  test("drops unknown products, bad quantities and junk", () => {
    const items = parseCart(
      "stoneware-mug:2|nope:3|linen-tote:x|:4|wool-socks:0|garbage"
    )
    expect([...items]).toEqual([["stoneware-mug", 2]])
  })

  test("caps a quantity at 10", () => {
    expect(parseCart("stoneware-mug:99").get("stoneware-mug")).toBe(10)
  })

  test("an empty or missing cookie is an empty cart", () => {
    expect(parseCart(undefined).size).toBe(0)
    expect(parseCart("").size).toBe(0)
  })

  test("describes lines, count and subtotal in cents", () => {
    const cart = describeCart(parseCart("linen-tote:2|beeswax-candle:1"))
    expect(cart.count).toBe(3)
    expect(cart.subtotal).toBe(2 * 3200 + 1800)
    expect(cart.lines.map((l) => l.total)).toEqual([6400, 1800])
  })
})

describe("parseQuantity", () => {
  test.each([
    ["1", 1],
    [" 3 ", 3],
    ["0", 0],
    ["10", 10],
  ])("reads %j", (input, expected) => {
    expect(parseQuantity(input)).toBe(expected)
  })

  test.each(["11", "-1", "1.5", "abc", ""])("refuses %j", (input) => {
    expect(parseQuantity(input)).toBeUndefined()
  })

  test("refuses a missing field", () => {
    expect(parseQuantity(null)).toBeUndefined()
  })
})
