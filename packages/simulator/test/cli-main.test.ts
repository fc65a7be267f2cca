import { describe, expect, test } from "vitest"
import { runCli } from "../src/cli-main.js"

describe("the link-simulator command", () => {
  test("PORT=0 listens on a free port of 127.0.0.1 and prints its URL and the outbox page", async () => {
    const lines: string[] = []
    const running = await runCli({ PORT: "0" }, (line) => lines.push(line))
    try {
      expect(lines[0]).toBe(`Link simulator listening on ${running.url}`)
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(lines).toContain(
        `  Outbox (codes "sent" by SMS): ${running.url}/__dev`
      )
      expect((await fetch(`${running.url}/`)).status).toBe(200)
    } finally {
      await running.close()
    }
  })

  test("the environment configures the simulator it starts", async () => {
    const lines: string[] = []
    const running = await runCli(
      { PORT: "0", LINK_SIM_CONTROL: "0", LINK_SIM_MAX_ATTEMPTS: "2" },
      (l) => lines.push(l)
    )
    try {
      expect(lines).toContain("  Control API: off (LINK_SIM_CONTROL=0)")
      expect(running.simulator.config.maxAttempts).toBe(2)
      expect((await fetch(`${running.url}/__control/stats`)).status).toBe(404)
    } finally {
      await running.close()
    }
  })

  test("a PORT that is not a port number is refused with a message naming PORT", async () => {
    await expect(runCli({ PORT: "http" }, () => {})).rejects.toThrow(
      "PORT must be a whole number"
    )
  })
})
