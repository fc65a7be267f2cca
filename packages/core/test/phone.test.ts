import { expect, test } from "vitest"
import { redactedPhoneDigits } from "../src/index.js"

test("the last digits of Link's redacted phone, else nothing", () => {
  expect(redactedPhoneDigits("+3*********90")).toBe("90")
  expect(redactedPhoneDigits("+1 *** *** 4567 ")).toBe("4567")
  expect(redactedPhoneDigits("+3*********")).toBeUndefined()
  expect(redactedPhoneDigits(undefined)).toBeUndefined()
})
