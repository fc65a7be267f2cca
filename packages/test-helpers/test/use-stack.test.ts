import { describe, expect, test } from "vitest"
import { useSimulator, useStack } from "../src/link.js"

const events: string[] = []

describe("useStack", () => {
  const stack = useStack(
    async () => {
      events.push("start")
      return {
        greeting: "hello",
        greet(this: { greeting: string } | void) {
          return this ? this.greeting : "unbound"
        },
        close() {
          events.push("close")
        },
      }
    },
    {
      beforeEach: () => void events.push("each"),
      after: (s) => void events.push(`after ${s.greeting}`),
    }
  )
  let early: unknown
  try {
    void stack.greeting
  } catch (error) {
    early = error
  }

  test("reading it before beforeAll ran throws a clear error", () => {
    expect(early).toBeInstanceOf(Error)
    expect((early as Error).message).toMatch(/not started yet/)
  })

  test("reads through to what was started, methods bound to it", () => {
    expect(stack.greeting).toBe("hello")
    const greet: () => string = stack.greet
    expect(greet()).toBe("hello")
    expect(events).toEqual(["start", "each", "each"])
  })
})

test("after the tests, `after` ran and then close()", () => {
  expect(events).toEqual(["start", "each", "each", "after hello", "close"])
})

describe("useSimulator", () => {
  const link = useSimulator()
  const person = { email: "added@example.com", phone: "+14155550188" }

  test("listens on 127.0.0.1 and answers the Link API", async () => {
    expect(new URL(link.url).hostname).toBe("127.0.0.1")
    expect(link.apiUrl).toBe(`${link.url}/api`)
    link.simulator.state.people.put(person)
    const res = await fetch(
      `${link.apiUrl}/lookup-email?email=${encodeURIComponent(person.email)}&STRIPE_PUBLIC_KEY=pk_test_helpers`
    )
    expect(await res.json()).toMatchObject({ userExistsOnLink: true })
  })

  test("is reset before each test", () => {
    expect(link.simulator.state.people.get(person.email)).toBeUndefined()
  })
})
