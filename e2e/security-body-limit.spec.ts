// Security journey: request bodies are bounded before the shop reads them. 20 MB posted to the
// sign-in page (its server actions) or to Auth.js's route gets 413, with a Content-Length or
// chunked, and the shop server's memory stays flat.
import { readFileSync, readdirSync, readlinkSync } from "node:fs"
import { postOversized } from "../packages/simulator/test/oversized-body"
import { expect, test } from "./fixtures"
import { shopOrigin } from "./security-helpers"

/** The process listening on the shop's port (Linux /proc: the socket's inode, then its owner). */
function shopPid(): number {
  const port = Number(new URL(shopOrigin()).port)
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`
  const inodes = new Set<string>()
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/)
      // local address, state 0A = LISTEN, inode
      if (cols[1]?.endsWith(hex) && cols[3] === "0A" && cols[9])
        inodes.add(`socket:[${cols[9]}]`)
    }
  }
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`)))
          return Number(pid)
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`no process listens on ${shopOrigin()}`)
}

/** Resident set of a process, in MB. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
  return Number(kb?.[1]) / 1024
}

test("20 MB bodies get 413 from the sign-in page and Auth.js's route; the server's memory stays flat", async ({
  page,
}) => {
  // Warm the routes up first, so what they load on first use is not counted.
  await page.goto("/login")
  expect((await page.request.get("/api/auth/csrf")).ok()).toBe(true)

  const pid = shopPid()
  const before = rssMb(pid)
  let peak = before
  for (const [path, chunked] of [
    ["/login", false],
    ["/api/auth/callback/link", false],
    ["/api/auth/callback/link", true],
    ["/api/auth/signout", true],
  ] as const) {
    await test.step(`${path}${chunked ? " (chunked)" : ""}`, async () => {
      const answer = await postOversized(`${shopOrigin()}${path}`, {
        chunked,
        headers: { origin: shopOrigin() },
      })
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.body)).toMatchObject({
        error: "request_too_large",
      })
      peak = Math.max(peak, rssMb(pid))
    })
  }
  // Generous: the server's own churn; a body read into memory would be 20 MB or more, each time.
  expect(peak - before).toBeLessThan(40)
})
