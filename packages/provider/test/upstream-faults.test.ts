/**
 * Upstream faults over real HTTP: the simulator on a port of 127.0.0.1, the provider's own fetch.
 * Every fault on every Link route maps to its code within the timeout plus one second, nothing is
 * left as an unhandled rejection, and the next sign-in works as soon as the fault is gone.
 */
import {
  startSimulator,
  type FaultSpec,
  type RouteName,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { authorizeOf, type Authorize } from "@login-with-link/test-helpers"
import type { LinkSignInCode } from "@login-with-link/core"
import { LinkCodeSent } from "../src/outcome-errors.js"
import { LoginWithLink } from "../src/provider.js"
import { authRequest, TEST_SECRET } from "@login-with-link/test-helpers/link"

/** Short, so that "beyond the timeout" is quick. */
const TIMEOUT = 300
/** Faults only the client's own timeout can end: the detail must say it was the timeout. */
const TIMED_OUT = new Set(["latency", "hang", "stall"])

let link: RunningSimulator
let authorize: Authorize
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
let injected = 0
let person = 0

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled)
  link = await startSimulator({ port: 0, quiet: true, env: {} })
  const provider = LoginWithLink({
    publishableKey: "pk_test_faults",
    apiUrl: link.apiUrl,
    secret: TEST_SECRET,
    timeout: TIMEOUT,
  })
  authorize = authorizeOf(provider)
})

afterAll(async () => {
  await link?.close()
  // Give anything still settling a turn of the event loop before looking.
  await new Promise((resolve) => setImmediate(resolve))
  process.off("unhandledRejection", onUnhandled)
  expect(unhandled).toEqual([])
  console.info(
    `[faults] ${injected} faults injected over HTTP, timeout ${TIMEOUT} ms, no unhandled rejection`
  )
})

/** A new person on Link for each case, so that no limit carries over. */
function newPerson(): string {
  person += 1
  const email = `fault-${person}@example.com`
  link.simulator.state.people.put({
    email,
    phone: `+1415555${String(person).padStart(4, "0")}`,
    fullName: `Fault ${person}`,
  })
  return email
}

async function inject(fault: Omit<FaultSpec, "count">): Promise<void> {
  const res = await fetch(`${link.url}/__control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  })
  expect(res.status).toBe(201)
  injected += 1
}

/** Run authorize() and say what came out: "user" or the error's code. */
async function run(
  credentials: Record<string, string>
): Promise<{ outcome: string; error?: unknown }> {
  try {
    await authorize(credentials, authRequest())
    return { outcome: "user" }
  } catch (error) {
    return {
      outcome: String((error as { code?: unknown }).code),
      error,
    }
  }
}

async function start(email: string): Promise<LinkCodeSent> {
  const { error } = await run({ email })
  expect(error).toBeInstanceOf(LinkCodeSent)
  return error as LinkCodeSent
}

const code = (email: string) =>
  link.simulator.state.outbox.latestCode(email) as string

/** Each fault, and the code a person sees for it. */
const FAULTS: [string, Omit<FaultSpec, "route" | "count">, LinkSignInCode][] = [
  [
    "latency beyond the timeout",
    { kind: "latency", latencyMs: TIMEOUT + 2000 },
    "link_unavailable",
  ],
  ["500", { kind: "status", status: 500 }, "link_unavailable"],
  ["502", { kind: "status", status: 502 }, "link_unavailable"],
  [
    "429 with Retry-After",
    { kind: "status", status: 429, retryAfter: 7 },
    "rate_limited",
  ],
  ["malformed JSON", { kind: "malformed" }, "link_unavailable"],
  ["an HTML error page", { kind: "html" }, "link_unavailable"],
  ["a reset connection", { kind: "drop" }, "link_unavailable"],
  ["no answer at all", { kind: "hang" }, "link_unavailable"],
  ["a body that never ends", { kind: "stall" }, "link_unavailable"],
]

const ROUTES: RouteName[] = [
  "lookup-email",
  "start_verification",
  "authenticate",
]

describe.each(ROUTES)("a fault on %s", (route) => {
  it.each(FAULTS)(
    "%s maps to its code (a hung Link ends at the timeout), then the sign-in works",
    async (_name, fault, expected) => {
      const email = newPerson()
      let challenge: string | undefined
      if (route === "authenticate") challenge = (await start(email)).challenge

      await inject({ route, ...fault })
      const faulted =
        route === "authenticate"
          ? await run({ challenge: challenge!, code: code(email) })
          : await run({ email })
      expect(faulted.outcome).toBe(expected)
      if (TIMED_OUT.has(fault.kind)) {
        // Ended by the client's timeout (not by the fault ending): no wall-clock bound needed.
        const detail = (
          faulted.error as { cause?: { err?: { code?: string } } }
        ).cause?.err
        expect(detail?.code).toBe("LWL_LINK_TIMEOUT")
      }
      if (expected === "rate_limited") {
        expect(faulted.error).toMatchObject({ retryAfter: 7 })
      }
      expect(link.simulator.state.faults.list()).toEqual([])

      // Link is back: the same person signs in, with the same challenge where there was one.
      if (route !== "authenticate") challenge = (await start(email)).challenge
      const recovered = await run({ challenge: challenge!, code: code(email) })
      expect(recovered.outcome).toBe("user")
    }
  )
})

describe("the link_unavailable detail", () => {
  it("stays in cause for the log: no client secret, no code", async () => {
    const email = newPerson()
    const { challenge } = await start(email)
    await inject({ route: "authenticate", kind: "html" })
    const right = code(email)
    const { error } = await run({ challenge, code: right })
    const detail = JSON.stringify(error, Object.getOwnPropertyNames(error))
    const cause = (error as { cause?: { err?: Error } }).cause?.err
    const secrets = link.simulator.state.sessions
      .list()
      .map((s) => s.clientSecret)
    for (const text of [detail, cause?.message ?? "", cause?.stack ?? ""]) {
      for (const secret of secrets) expect(text).not.toContain(secret)
      expect(text).not.toContain(right)
    }
  })
})
