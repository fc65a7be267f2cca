import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import {
  SEED_PEOPLE,
  linkUserId,
  createSimulator,
  redactKey,
  redactPhone,
} from "../src/index.js"
import { lookup, makeSimulator } from "./utils.js"

function seedFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "link-sim-")), "people.json")
  writeFileSync(path, content)
  return path
}

describe("configuration", () => {
  test("the seeded people include the demo account jo@example.com", () => {
    expect(SEED_PEOPLE[0]).toEqual({
      email: "jo@example.com",
      phone: "+353871234590",
      fullName: "Jo Doe",
      city: "San Francisco, California 94114",
    })
    expect(SEED_PEOPLE.length).toBeGreaterThanOrEqual(3)
  })

  test("LINK_SIM_SEED adds the people of a JSON file to the built-in ones", async () => {
    const path = seedFile(
      JSON.stringify([{ email: "Pat@Example.com", phone: "+33612345678" }])
    )
    const sim = makeSimulator({ env: { LINK_SIM_SEED: path } })
    expect(sim.state.people.get("pat@example.com")).toEqual({
      id: linkUserId("pat@example.com"),
      email: "pat@example.com",
      phone: "+33612345678",
    })
    expect(sim.state.people.get("jo@example.com")).toBeDefined()
  })

  test("a LINK_SIM_SEED file that is not JSON fails at start with a message naming it", () => {
    const path = seedFile("not json")
    expect(() => makeSimulator({ env: { LINK_SIM_SEED: path } })).toThrow(
      `LINK_SIM_SEED: cannot read ${path} as JSON`
    )
  })

  test("a LINK_SIM_SEED person with a bad phone fails at start with a message naming the entry", () => {
    const path = seedFile(
      JSON.stringify([{ email: "pat@example.com", phone: "12" }])
    )
    expect(() => makeSimulator({ env: { LINK_SIM_SEED: path } })).toThrow(
      "LINK_SIM_SEED[0]: phone"
    )
  })

  test("the people option replaces the built-in people", () => {
    const sim = makeSimulator({
      people: [{ email: "only@example.com", phone: "+14155550100" }],
    })
    expect(sim.state.people.list().map((p) => p.email)).toEqual([
      "only@example.com",
    ])
  })

  test("LINK_SIM_KEYS adds accepted live keys", async () => {
    const sim = makeSimulator({
      env: { LINK_SIM_KEYS: "pk_live_fromEnv1, pk_live_fromEnv2" },
    })
    expect(
      (await lookup(sim, "jo@example.com", "pk_live_fromEnv2")).status
    ).toBe(200)
  })

  test("a configured key that is not a publishable key fails at start", () => {
    expect(() =>
      createSimulator({ env: {}, publishableKeys: ["sk_live_oops"] })
    ).toThrow("publishableKeys")
  })

  test("a return origin that is not an origin fails at start", () => {
    expect(() =>
      createSimulator({
        env: {},
        allowedReturnOrigins: ["http://localhost:3000/path"],
      })
    ).toThrow("allowedReturnOrigins")
  })

  test("limits can come from the environment", () => {
    const sim = makeSimulator({
      env: { LINK_SIM_MAX_ATTEMPTS: "2", LINK_SIM_CODE_TTL_MS: "1000" },
    })
    expect(sim.config.maxAttempts).toBe(2)
    expect(sim.config.codeTtlMs).toBe(1000)
  })

  test("an option wins over the environment", () => {
    const sim = makeSimulator({
      maxAttempts: 3,
      env: { LINK_SIM_MAX_ATTEMPTS: "2" },
    })
    expect(sim.config.maxAttempts).toBe(3)
  })

  test("a limit in the environment that is not a number fails at start with a message naming it", () => {
    expect(() =>
      makeSimulator({ env: { LINK_SIM_RPM_PER_IP: "lots" } })
    ).toThrow("LINK_SIM_RPM_PER_IP")
  })

  test("a negative limit fails at start with a message naming it", () => {
    expect(() => createSimulator({ env: {}, codeTtlMs: -1 })).toThrow(
      "codeTtlMs"
    )
  })

  test("phone numbers keep their first two characters and last two digits", () => {
    expect(redactPhone("+353871234590")).toBe("+3*********90")
    expect(redactPhone("+14155550123")).toBe("+1********23")
  })

  test("keys keep their first twelve characters", () => {
    expect(redactKey("pk_test_51AbCdEfGh")).toBe("pk_test_51Ab...redacted")
  })
})
