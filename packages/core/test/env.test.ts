import { afterEach, describe, expect, it } from "vitest"
import { readLinkEnv } from "../src/env.js"

const saved = { ...process.env }
afterEach(() => {
  for (const name of [
    "AUTH_LINK_KEY",
    "AUTH_LINK_API_URL",
    "AUTH_SECRET",
    "AUTH_SECRET_1",
    "AUTH_SECRET_2",
  ]) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})

describe("readLinkEnv", () => {
  it("reads the variables, treating empty ones as unset", () => {
    process.env.AUTH_LINK_KEY = " pk_test_x "
    process.env.AUTH_LINK_API_URL = ""
    process.env.AUTH_SECRET = "s0"
    process.env.AUTH_SECRET_1 = "s1"
    process.env.AUTH_SECRET_2 = "s2"
    expect(readLinkEnv()).toEqual({
      publishableKey: "pk_test_x",
      apiUrl: undefined,
      secrets: ["s2", "s1", "s0"],
    })
  })

  it("works where there is no process at all", () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, "process")!
    Object.defineProperty(globalThis, "process", {
      value: undefined,
      configurable: true,
    })
    try {
      expect(readLinkEnv()).toEqual({
        publishableKey: undefined,
        apiUrl: undefined,
        secrets: [],
      })
    } finally {
      Object.defineProperty(globalThis, "process", descriptor)
    }
  })
})
